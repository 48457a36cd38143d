package io.codinspect.slackbot;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.MessageFileShareEvent;
import com.slack.api.model.event.MessageThreadBroadcastEvent;

/**
 * What the bot listens to in Slack, registered on Bolt's {@link App}: each handler answers Slack
 * at once and leaves the work to {@link Work}.
 */
final class SlackEvents {

    private final Work work;
    private final Conversations conversations;
    private final Buttons buttons;
    private final AppHome home;
    private final RepositorySuggestions suggestions;

    SlackEvents(
            Work work, Conversations conversations, Buttons buttons, AppHome home, RepositorySuggestions suggestions) {
        this.work = work;
        this.conversations = conversations;
        this.buttons = buttons;
        this.home = home;
        this.suggestions = suggestions;
    }

    void register(App app) {
        app.event(AppMentionEvent.class, (payload, ctx) -> {
            var event = payload.getEvent();
            if (event.getBotId() == null && event.getUser() != null) {
                var message = new Incoming(
                        payload.getTeamId(),
                        event.getChannel(),
                        event.getUser(),
                        event.getText(),
                        event.getTs(),
                        event.getThreadTs(),
                        true);
                if (!work.submit(
                        "mention " + message.requestId(), () -> conversations.on(message, ctx.getBotUserId()))) {
                    return busy(); // Slack sends the event again later
                }
            }
            return ctx.ack();
        });
        app.event(MessageEvent.class, (payload, ctx) -> {
            var e = payload.getEvent();
            return message(
                            payload.getTeamId(),
                            e.getChannel(),
                            e.getChannelType(),
                            e.getUser(),
                            e.getBotId(),
                            e.getText(),
                            e.getTs(),
                            e.getThreadTs(),
                            ctx.getBotUserId())
                    ? ctx.ack()
                    : busy();
        });
        // a reply also sent to the channel, and a message with a file, come as their own subtypes
        app.event(MessageThreadBroadcastEvent.class, (payload, ctx) -> {
            var e = payload.getEvent();
            return message(
                            payload.getTeamId(),
                            e.getChannel(),
                            e.getChannelType(),
                            e.getUser(),
                            null,
                            e.getText(),
                            e.getTs(),
                            e.getThreadTs(),
                            ctx.getBotUserId())
                    ? ctx.ack()
                    : busy();
        });
        app.event(MessageFileShareEvent.class, (payload, ctx) -> {
            var e = payload.getEvent();
            return message(
                            payload.getTeamId(),
                            e.getChannel(),
                            e.getChannelType(),
                            e.getUser(),
                            Boolean.TRUE.equals(e.getDisplayAsBot()) ? "bot" : null,
                            e.getText(),
                            e.getTs(),
                            e.getThreadTs(),
                            ctx.getBotUserId())
                    ? ctx.ack()
                    : busy();
        });
        app.event(AppHomeOpenedEvent.class, (payload, ctx) -> {
            var event = payload.getEvent();
            if ("home".equals(event.getTab())) {
                work.submit("home of " + event.getUser(), () -> home.show(teamOf(payload), event.getUser()));
            }
            return ctx.ack();
        });
        app.blockAction(Replies.STOP, (request, ctx) -> click(request, ctx, buttons::stop));
        app.blockAction(Answer.CREATE_PR, (request, ctx) -> click(request, ctx, buttons::createPullRequest));
        app.blockAction(Answer.VIEW, (request, ctx) -> ctx.ack());
        app.blockAction(RepositoryPicker.ACTION, (request, ctx) -> click(request, ctx, buttons::chooseRepository));
        for (var action : new String[] {AppHome.MODEL, AppHome.EFFORT, AppHome.BRANCH}) {
            app.blockAction(action, (request, ctx) -> {
                var payload = request.getPayload();
                var element = payload.getActions().getFirst();
                var value = element.getSelectedOption() != null
                        ? element.getSelectedOption().getValue()
                        : element.getValue();
                var team = ctx.getTeamId();
                var user = payload.getUser().getId();
                return work.submit("home change of " + user, () -> home.change(team, user, action, value))
                        ? ctx.ack()
                        : busy();
            });
        }
        app.blockSuggestion(RepositoryPicker.ACTION, (request, ctx) -> {
            var options = suggestions.options(
                    ctx.getTeamId(),
                    request.getPayload().getUser().getId(),
                    request.getPayload().getValue());
            return ctx.ack(r -> r.options(options));
        });
    }

    /**
     * A message the bot can see: taken up when it is a direct message or a reply in a thread; false
     * when the bot is too busy to take it up now.
     */
    private boolean message(
            String team,
            String channel,
            String channelType,
            String user,
            String botId,
            String text,
            String ts,
            String threadTs,
            String botUserId) {
        var direct = "im".equals(channelType);
        var mentions = text != null && text.contains("<@" + botUserId + ">");
        var reply = threadTs != null && !threadTs.equals(ts);
        // a mention in a channel also arrives as app_mention, which takes it up
        var relevant = direct || (reply && !mentions);
        // the bot's own messages and other bots' are not requests (a broadcast carries no bot id)
        if (relevant && botId == null && user != null && !user.equals(botUserId)) {
            var message = new Incoming(team, channel, user, text, ts, threadTs, direct || mentions);
            return work.submit("message " + message.requestId(), () -> conversations.on(message, botUserId));
        }
        return true;
    }

    /** The answer when {@link Work} is full: Slack sends an event answered with an error again later. */
    private static Response busy() {
        return Response.error(503);
    }

    private Response click(
            BlockActionRequest request, ActionContext ctx, java.util.function.Consumer<Buttons.Click> action) {
        var payload = request.getPayload();
        var element = payload.getActions().getFirst();
        var value = element.getSelectedOption() != null
                ? element.getSelectedOption().getValue()
                : element.getValue();
        var channel = payload.getChannel() != null ? payload.getChannel().getId() : null;
        var message = payload.getMessage();
        var click = new Buttons.Click(
                ctx.getTeamId(), // the installation's team; the payload's may be absent (enterprise grid)
                payload.getUser().getId(),
                channel,
                message != null ? message.getTs() : null,
                message != null ? message.getThreadTs() : null,
                value,
                element.getBlockId());
        // Slack does not resend a click; it shows the clicker that it failed
        return work.submit(element.getActionId() + " by " + click.user(), () -> action.accept(click))
                ? ctx.ack()
                : busy();
    }

    private static String teamOf(EventsApiPayload<?> payload) {
        return payload.getTeamId();
    }
}
