package io.codinspect.slackbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.element.StaticSelectElement;
import io.codinspect.client.Model;
import io.codinspect.client.Preferences;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppHomeTest {

    private static final List<Model> MODELS = List.of(
            new Model("fake/m1", "fake", "Fake", "m1", true), new Model("fake/m2", "fake", "Fake", "m2", false));

    @Test
    void theSelectsStartFromThePersonsPreferences() {
        var selects = selects(AppHome.view(new Preferences("fake/m2", "high", Map.of()), MODELS));

        assertThat(selects.get(0).getActionId()).isEqualTo(AppHome.MODEL);
        assertThat(selects.get(0).getOptions())
                .extracting(o -> o.getValue())
                .containsExactly("default", "fake/m1", "fake/m2");
        assertThat(selects.get(0).getInitialOption().getValue()).isEqualTo("fake/m2");
        assertThat(selects.get(1).getOptions())
                .extracting(o -> o.getValue())
                .containsExactly("default", "none", "minimal", "low", "medium", "high", "xhigh", "max");
        assertThat(selects.get(1).getInitialOption().getValue()).isEqualTo("high");
    }

    @Test
    void withoutPreferencesTheDefaultsAreSelected() {
        var selects = selects(AppHome.view(Preferences.NONE, MODELS));

        assertThat(selects)
                .allSatisfy(s -> assertThat(s.getInitialOption().getValue()).isEqualTo("default"));
    }

    @Test
    void aBranchIsSetByOwnerNameAndBranchAndRemovedByOwnerNameAlone() {
        var set = AppHome.withBranch(Preferences.NONE, "acme/api develop");
        assertThat(set.baseBranches()).containsExactly(Map.entry("acme/api", "develop"));

        var removed = AppHome.withBranch(set, "acme/api");
        assertThat(removed.baseBranches()).isEmpty();
    }

    private static List<StaticSelectElement> selects(List<com.slack.api.model.block.LayoutBlock> blocks) {
        return blocks.stream()
                .filter(ActionsBlock.class::isInstance)
                .flatMap(b -> ((ActionsBlock) b).getElements().stream())
                .filter(StaticSelectElement.class::isInstance)
                .map(StaticSelectElement.class::cast)
                .toList();
    }
}
