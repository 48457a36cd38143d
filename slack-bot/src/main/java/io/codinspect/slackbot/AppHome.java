package io.codinspect.slackbot;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.Views;
import io.codinspect.client.Model;
import io.codinspect.client.Preferences;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The App Home tab: each person's default model, reasoning effort and base branches per
 * repository — their CodInspect preferences, used by their next prompts from Slack and the web UI.
 */
final class AppHome {

    static final String MODEL = "home_model";
    static final String EFFORT = "home_effort";
    static final String BRANCH = "home_branch";
    private static final String DEFAULT = "default";
    private static final int MAX_OPTIONS = 100;

    private final SlackApi slack;
    private final People people;

    AppHome(SlackApi slack, People people) {
        this.slack = slack;
        this.people = people;
    }

    /** Publishes the person's Home view with their preferences as they are. */
    void show(String team, String user) {
        try {
            var person = people.resolve(team, user);
            publish(user, view(person.client().preferences(), person.client().models()));
        } catch (People.NotAdmitted e) {
            publish(user, List.of(section(s -> s.text(markdownText(":no_entry: " + e.getMessage())))));
        }
    }

    /** Changes one preference from the Home view's element {@code actionId} to {@code value}, then shows it. */
    void change(String team, String user, String actionId, String value) {
        var person = people.resolve(team, user);
        var now = person.client().preferences();
        var chosen = value == null || value.isBlank() || DEFAULT.equals(value) ? null : value.strip();
        var next = switch (actionId) {
            case MODEL -> new Preferences(chosen, now.reasoningEffort(), now.baseBranches());
            case EFFORT -> new Preferences(now.model(), chosen, now.baseBranches());
            case BRANCH -> withBranch(now, chosen);
            default -> now;
        };
        var saved = next.equals(now) ? now : person.client().savePreferences(next);
        publish(user, view(saved, person.client().models()));
    }

    /** {@code owner/name branch} sets the override, {@code owner/name} alone removes it. */
    static Preferences withBranch(Preferences now, String typed) {
        if (typed == null) {
            return now;
        }
        var words = typed.split("\\s+");
        var branches = new HashMap<>(now.baseBranches());
        if (words.length == 1) {
            branches.remove(words[0]);
        } else {
            branches.put(words[0], words[1]);
        }
        return new Preferences(now.model(), now.reasoningEffort(), branches);
    }

    static List<LayoutBlock> view(Preferences preferences, List<Model> models) {
        var modelOptions = new ArrayList<OptionObject>();
        modelOptions.add(option("Deployment default", DEFAULT));
        models.stream().limit(MAX_OPTIONS - 1).forEach(m -> modelOptions.add(option(m.id(), m.id())));
        var effortOptions = new ArrayList<OptionObject>();
        effortOptions.add(option("Model default", DEFAULT));
        Preferences.REASONING_EFFORTS.forEach(e -> effortOptions.add(option(e, e)));
        var model = selected(modelOptions, preferences.model());
        var effort = selected(effortOptions, preferences.reasoningEffort());
        var blocks = new ArrayList<LayoutBlock>();
        blocks.add(header(h -> h.text(plainText("Your CodInspect defaults"))));
        blocks.add(context(c ->
                c.elements(List.of(markdownText("Used by your next prompts, from Slack and from the web UI alike.")))));
        blocks.add(section(s -> s.text(markdownText("*Model* and *reasoning effort*"))));
        blocks.add(actions(a -> a.blockId("preferences")
                .elements(List.of(
                        staticSelect(e -> e.actionId(MODEL)
                                .placeholder(plainText("Model"))
                                .options(modelOptions)
                                .initialOption(model)),
                        staticSelect(e -> e.actionId(EFFORT)
                                .placeholder(plainText("Reasoning effort"))
                                .options(effortOptions)
                                .initialOption(effort))))));
        var branches = preferences.baseBranches().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> "• `" + e.getKey() + "` starts from `" + e.getValue() + "`")
                .toList();
        blocks.add(section(s -> s.text(markdownText("*Base branches*\n"
                + (branches.isEmpty() ? "Every repository starts from `main`." : String.join("\n", branches))))));
        blocks.add(input(i -> i.blockId("branches")
                .dispatchAction(true)
                .optional(true)
                .label(plainText("Set a base branch"))
                .hint(plainText("owner/name branch, then Enter; owner/name alone removes it"))
                .element(plainTextInput(e -> e.actionId(BRANCH).placeholder(plainText("acme/api develop"))))));
        return blocks;
    }

    private void publish(String user, List<LayoutBlock> blocks) {
        slack.call(
                "views.publish",
                m -> m.viewsPublish(
                        r -> r.userId(user).view(Views.view(v -> v.type("home").blocks(blocks)))));
    }

    private static OptionObject selected(List<OptionObject> options, String value) {
        return options.stream()
                .filter(o -> o.getValue().equals(value))
                .findFirst()
                .orElse(options.getFirst());
    }

    private static OptionObject option(String text, String value) {
        return OptionObject.builder()
                .text(plainText(text.length() > 75 ? text.substring(0, 75) : text))
                .value(value)
                .build();
    }
}
