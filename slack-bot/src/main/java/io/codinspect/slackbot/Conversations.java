package io.codinspect.slackbot;

import io.codinspect.client.CodInspectClient;
import io.codinspect.client.CodInspectProblem;
import io.codinspect.client.CodInspectUnreachable;
import io.codinspect.client.NewPrompt;
import io.codinspect.client.NewSession;
import io.codinspect.client.PromptSource;
import io.codinspect.client.Repository;
import io.codinspect.client.SessionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A person's message to the bot becomes a prompt: a mention or a DM starts the thread's session
 * (or adds to it), a reply in a thread that has a session is a follow-up. Runs on the bot's
 * executor, after Slack has had its answer.
 */
final class Conversations {

    private static final Logger log = LoggerFactory.getLogger(Conversations.class);

    private final SlackApi slack;
    private final CodInspectClient bot;
    private final People people;
    private final ThreadContext context;
    private final RepositoryChoice repositories;
    private final Outage outage;
    private final RecentMessages recent;
    private final RepositoryPicker pickers;
    private final Stripes threads = new Stripes(64);

    Conversations(
            SlackApi slack,
            CodInspectClient bot,
            People people,
            RepositoryChoice repositories,
            Outage outage,
            RecentMessages recent,
            RepositoryPicker pickers) {
        this.slack = slack;
        this.bot = bot;
        this.people = people;
        this.context = new ThreadContext(slack, people);
        this.repositories = repositories;
        this.outage = outage;
        this.recent = recent;
        this.pickers = pickers;
    }

    /** Works on {@code message}, written to the bot whose user id is {@code botUserId}. */
    void on(Incoming message, String botUserId) {
        if (!recent.firstTime(message.requestId())) {
            return;
        }
        // one message of a thread at a time: two at once would both find no picker and post two
        threads.run(message.sessionKey(), () -> take(message, botUserId));
    }

    private void take(Incoming message, String botUserId) {
        var deadline = outage.deadline(); // one budget for the whole message, not one per call
        var saidUnreachable = new AtomicBoolean();
        Runnable sayUnreachable = () -> {
            if (saidUnreachable.compareAndSet(false, true)) {
                say(
                        message,
                        ":hourglass: I can't reach CodInspect right now. I'll keep trying for " + minutes(outage)
                                + " and start your request once it is back.");
            }
        };
        try {
            var followUpOnly = message.isReply() && !message.mentioned();
            if (followUpOnly && !context.botIsIn(message, botUserId)) {
                return; // a thread the bot takes no part in
            }
            if (!followUpOnly) {
                react(message, "eyes");
            }
            var person = outage.call(
                    "identity", () -> people.resolve(message.team(), message.user()), sayUnreachable, deadline);
            if (followUpOnly) {
                var session = outage.call(
                        "lookup",
                        () -> person.client().sessionByExternalKey(message.sessionKey()),
                        sayUnreachable,
                        deadline);
                if (session.isEmpty()) {
                    return;
                }
                react(message, "eyes");
            }
            var words = SlackText.plain(message.text(), botUserId);
            var preferences = outage.call("preferences", () -> person.client().preferences(), sayUnreachable, deadline);
            var prompt = new NewPrompt(
                    words.isEmpty() ? "(no words; see the thread)" : words,
                    preferences.model(),
                    preferences.reasoningEffort(),
                    message.requestId(),
                    PromptSource.slack,
                    permalink(message).orElse(null),
                    context.before(message, botUserId).map(List::of).orElse(List.of()),
                    BotData.thread(message.channel(), message.threadRoot())
                            .withMessage(message.ts())
                            .json());
            var repository = repositories.choose(
                    words, message.channel(), () -> reachable(person.client(), sayUnreachable, deadline));
            var start = outage.call(
                    "session",
                    () -> person.client()
                            .startSession(NewSession.forBot(
                                    repository,
                                    message.sessionKey(),
                                    prompt,
                                    BotData.thread(message.channel(), message.threadRoot())
                                            .json())),
                    sayUnreachable,
                    deadline);
            log.info(
                    "Slack message {} queued in session={} (created={})",
                    message.requestId(),
                    start.session().id(),
                    start.created());
            // asked also when the session was created by an earlier try whose answer was lost
            if (start.session().status() == SessionStatus.awaiting_repository
                    && BotData.of(start.session().botData()).pickerTs() == null) {
                pickers.ask(person.client(), start.session(), message);
            }
        } catch (People.NotAdmitted e) {
            unreact(message, "eyes");
            slack.tryCall(
                    "chat.postEphemeral",
                    m -> m.chatPostEphemeral(r -> r.channel(message.channel())
                            .user(message.user())
                            .threadTs(message.isReply() ? message.threadRoot() : null)
                            .text(":no_entry: " + e.getMessage())));
        } catch (CodInspectUnreachable e) {
            recent.forget(message.requestId());
            fail(
                    message,
                    "I could not reach CodInspect for " + minutes(outage)
                            + ", so nothing was started. Please send your message again later.");
        } catch (CodInspectProblem e) {
            fail(message, "CodInspect could not take this: " + (e.detail() != null ? e.detail() : e.title()));
        } catch (SlackApi.SlackFailure e) {
            log.warn("Slack message {} not taken up: {}", message.requestId(), e.getMessage());
            recent.forget(message.requestId());
        } catch (RuntimeException e) {
            log.error("Slack message {} failed", message.requestId(), e);
            fail(message, "Something went wrong on my side, so nothing was started. Please try again.");
        }
    }

    private List<Repository> reachable(CodInspectClient person, Runnable sayUnreachable, Instant deadline) {
        try {
            return outage.call("repositories", person::repositories, sayUnreachable, deadline);
        } catch (CodInspectProblem e) {
            return List.of();
        }
    }

    private Optional<String> permalink(Incoming message) {
        try {
            var link = slack.call(
                            "chat.getPermalink",
                            m -> m.chatGetPermalink(
                                    r -> r.channel(message.channel()).messageTs(message.ts())))
                    .getPermalink();
            return link != null && link.startsWith("https://") ? Optional.of(link) : Optional.empty();
        } catch (SlackApi.SlackFailure e) {
            return Optional.empty();
        }
    }

    private void fail(Incoming message, String words) {
        unreact(message, "eyes");
        react(message, "x");
        say(message, ":x: " + words);
    }

    private void say(Incoming message, String words) {
        slack.tryCall(
                "chat.postMessage",
                m -> m.chatPostMessage(r -> r.channel(message.channel())
                        .threadTs(message.threadRoot())
                        .text(words)));
    }

    private void react(Incoming message, String name) {
        slack.tryCall(
                "reactions.add",
                m -> m.reactionsAdd(r ->
                        r.channel(message.channel()).timestamp(message.ts()).name(name)));
    }

    private void unreact(Incoming message, String name) {
        slack.tryCall(
                "reactions.remove",
                m -> m.reactionsRemove(r ->
                        r.channel(message.channel()).timestamp(message.ts()).name(name)));
    }

    private static String minutes(Outage outage) {
        var seconds = outage.retryFor().toSeconds();
        return seconds % 60 == 0 ? (seconds / 60) + " minutes" : seconds + " seconds";
    }
}
