package io.codinspect.slackbot;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import io.codinspect.client.CodInspectClient;

/**
 * What the bot listens to in Slack, registered on Bolt's {@link App}: each handler answers Slack
 * at once and leaves the work to {@link Work}.
 */
final class SlackEvents {

    private final Work work;
    private final Conversations conversations;
    private final Buttons buttons;
    private final AppHome home;
    private final CodInspectClient suggestions;

    SlackEvents(Work work, Conversations conversations, Buttons buttons, AppHome home, CodInspectClient suggestions) {
        this.work = work;
        this.conversations = conversations;
        this.buttons = buttons;
        this.home = home;
        this.suggestions = suggestions;
    }

    void register(App app, People people) {
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
                work.submit("mention " + message.requestId(), () -> conversations.on(message, ctx.getBotUserId()));
            }
            return ctx.ack();
        });
        app.event(MessageEvent.class, (payload, ctx) -> {
            var event = payload.getEvent();
            var direct = "im".equals(event.getChannelType());
            var mentions = event.getText() != null && event.getText().contains("<@" + ctx.getBotUserId() + ">");
            var reply = event.getThreadTs() != null && !event.getThreadTs().equals(event.getTs());
            // a mention in a channel also arrives as app_mention, which takes it up
            var relevant = direct || (reply && !mentions);
            if (relevant && event.getBotId() == null && event.getUser() != null) {
                var message = new Incoming(
                        payload.getTeamId(),
                        event.getChannel(),
                        event.getUser(),
                        event.getText(),
                        event.getTs(),
                        event.getThreadTs(),
                        direct || mentions);
                work.submit("message " + message.requestId(), () -> conversations.on(message, ctx.getBotUserId()));
            }
            return ctx.ack();
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
                var team = payload.getTeam().getId();
                var user = payload.getUser().getId();
                work.submit("home change of " + user, () -> home.change(team, user, action, value));
                return ctx.ack();
            });
        }
        app.blockSuggestion(RepositoryPicker.ACTION, (request, ctx) -> {
            var payload = request.getPayload();
            try {
                var person = people.resolve(
                        payload.getTeam().getId(), payload.getUser().getId());
                var reachable = suggestions.onBehalfOf(person.userId()).repositories();
                return ctx.ack(r -> r.options(RepositoryPicker.options(reachable, payload.getValue())));
            } catch (RuntimeException e) {
                return ctx.ack(r -> r.options(java.util.List.of()));
            }
        });
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
                payload.getTeam().getId(),
                payload.getUser().getId(),
                channel,
                message != null ? message.getTs() : null,
                message != null ? message.getThreadTs() : null,
                value,
                element.getBlockId());
        work.submit(element.getActionId() + " by " + click.user(), () -> action.accept(click));
        return ctx.ack();
    }

    private static String teamOf(EventsApiPayload<?> payload) {
        return payload.getTeamId();
    }
}
