package io.codinspect.testkit.slack;

import tools.jackson.databind.JsonNode;

/**
 * The App Home a person sees: the view last published for them ({@code views.publish}).
 *
 * @param userId whose Home it is
 * @param id the view id ({@code V…})
 * @param hash the hash a later publish may pass to avoid overwriting a newer view
 * @param view the view as Slack answers it: what the bot sent plus {@code id}, {@code hash},
 *     {@code team_id}, {@code app_id}, {@code bot_id} and an empty {@code state}; every block
 *     has a {@code block_id}
 * @param publishes how many times a view was published for this person
 */
public record SlackHomeView(String userId, String id, String hash, JsonNode view, int publishes) {

    /** The view's blocks. */
    public JsonNode blocks() {
        return view.path("blocks");
    }

    /** Every text in the view's blocks, joined by new lines, for assertions. */
    public String visibleText() {
        return String.join("\n", Blocks.texts(blocks()));
    }
}
