package io.codinspect.slackbot;

import io.codinspect.client.CodInspectException;
import io.codinspect.client.CodInspectProblem;
import io.codinspect.client.NewPullRequest;
import io.codinspect.client.PromptStatus;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buttons and the picker of the bot's messages, each acting as the person who clicks: Stop
 * cancels the prompt, Create PR opens the session's pull request, the picker sets the repository
 * of a session waiting for one. What goes wrong is shown to the clicker only (ephemeral).
 */
final class Buttons {

    private static final Logger log = LoggerFactory.getLogger(Buttons.class);

    /**
     * A click.
     *
     * @param team the workspace the app is installed in
     * @param user who clicked
     * @param channel where the message is
     * @param messageTs the message with the button
     * @param threadTs the message's thread, or null
     * @param value the button's value, or the selected option's
     * @param blockId the block of the element
     */
    record Click(
            String team,
            String user,
            String channel,
            String messageTs,
            String threadTs,
            String value,
            String blockId) {}

    private final SlackApi slack;
    private final People people;
    private final RepositoryPicker pickers;

    Buttons(SlackApi slack, People people, RepositoryPicker pickers) {
        this.slack = slack;
        this.people = people;
        this.pickers = pickers;
    }

    void stop(Click click) {
        var parts = click.value() == null ? new String[0] : click.value().split("/");
        if (parts.length != 2) {
            return;
        }
        act(click, "stop the prompt", person -> {
            var session = UUID.fromString(parts[0]);
            var prompt = UUID.fromString(parts[1]);
            // a running prompt is stopped (its work kept), a queued one cancelled before it runs
            if (person.client().prompt(session, prompt).status() == PromptStatus.running) {
                person.client().stop(session);
            } else {
                person.client().cancel(session, prompt);
            }
            log.info("Slack user {} stopped prompt={} of session={}", click.user(), parts[1], parts[0]);
        });
    }

    void createPullRequest(Click click) {
        var session = Answer.sessionOf(click.value());
        if (session == null) {
            return;
        }
        act(click, "open the pull request", person -> {
            var pr = person.client().openPullRequest(session, NewPullRequest.DEFAULTS);
            log.info("Slack user {} opened pull request #{} of session={}", click.user(), pr.number(), session);
        });
    }

    void chooseRepository(Click click) {
        var session = RepositoryPicker.sessionOf(click.blockId());
        if (session == null || click.value() == null) {
            return;
        }
        act(click, "set the repository", person -> {
            var preferences = person.client().preferences();
            person.client().chooseRepository(session, click.value(), preferences.baseBranchFor(click.value()));
            pickers.chosen(click.channel(), click.messageTs(), click.value(), click.user());
        });
    }

    private void act(Click click, String what, java.util.function.Consumer<People.Person> action) {
        try {
            action.accept(people.resolve(click.team(), click.user()));
        } catch (People.NotAdmitted e) {
            tell(click, ":no_entry: " + e.getMessage());
        } catch (CodInspectProblem e) {
            log.info("Slack user {} could not {}: {} {}", click.user(), what, e.status(), e.detail());
            tell(click, "I could not " + what + ": " + (e.detail() != null ? e.detail() : e.title()));
        } catch (CodInspectException e) {
            tell(click, "I could not " + what + ": CodInspect cannot be reached right now. Please try again.");
        } catch (SlackApi.SlackFailure | IllegalArgumentException e) {
            log.warn("Slack click of {} failed: {}", click.user(), e.getMessage());
        }
    }

    private void tell(Click click, String words) {
        slack.tryCall(
                "chat.postEphemeral",
                m -> m.chatPostEphemeral(r -> r.channel(click.channel())
                        .user(click.user())
                        .threadTs(click.threadTs())
                        .text(words)));
    }
}
