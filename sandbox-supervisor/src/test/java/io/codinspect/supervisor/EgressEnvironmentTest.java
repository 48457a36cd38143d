package io.codinspect.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.codinspect.supervisor.boundary.Boundary;
import io.codinspect.supervisor.boundary.Command;
import io.codinspect.supervisor.boundary.WithEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class EgressEnvironmentTest {

    private static final String PROXY = "http://sandbox:cia_token@codinspect.codinspect.svc:8090";

    @Test
    void everyProgramInTheBoundaryGetsTheProxyAndReachesTheControlPlaneAndLoopbackDirectly() {
        var seen = new java.util.ArrayList<Map<String, String>>();
        var boundary = WithEnvironment.of(recording(seen), EgressEnvironment.of(settings(PROXY)));

        boundary.run(
                List.of("git", "push"), Path.of("/tmp"), Map.of("GIT_TERMINAL_PROMPT", "0"), Duration.ofSeconds(1));
        boundary.launch(List.of("opencode", "serve"), Path.of("/tmp"), Map.of("HOME", "/h"), line -> {});

        assertThat(seen)
                .hasSize(2)
                .allSatisfy(env -> assertThat(env)
                        .containsEntry("HTTPS_PROXY", PROXY)
                        .containsEntry("https_proxy", PROXY)
                        .containsEntry("HTTP_PROXY", PROXY)
                        .containsEntry("http_proxy", PROXY)
                        .containsEntry("NO_PROXY", "codinspect.codinspect.svc,localhost,127.0.0.1,::1")
                        .containsEntry("no_proxy", "codinspect.codinspect.svc,localhost,127.0.0.1,::1"));
        assertThat(seen.get(0)).containsEntry("GIT_TERMINAL_PROMPT", "0");
        assertThat(seen.get(1)).containsEntry("HOME", "/h");
    }

    @Test
    void withoutAProxyNothingIsAddedAndTheBoundaryIsTheSame() {
        var seen = new java.util.ArrayList<Map<String, String>>();
        var plain = recording(seen);

        assertThat(EgressEnvironment.of(settings(""))).isEmpty();
        assertThat(WithEnvironment.of(plain, EgressEnvironment.of(settings(""))))
                .isSameAs(plain);
    }

    private static SupervisorSettings settings(String proxy) {
        var env = new HashMap<String, String>();
        env.put("CODINSPECT_SANDBOX_ID", "s1");
        env.put("CODINSPECT_SESSION_ID", "x1");
        env.put("CODINSPECT_BRIDGE_URL", "ws://codinspect.codinspect.svc:8080/bridge/s1");
        env.put("CODINSPECT_REPOSITORY", "https://github.com/acme/widgets.git");
        env.put("CODINSPECT_BRANCH", "codinspect/x1");
        env.put("CODINSPECT_WORKSPACE", "/tmp/ws");
        env.put("CODINSPECT_OPENCODE_BIN", "/tmp/opencode");
        env.put("CODINSPECT_SANDBOX_TOKEN", "cis_x");
        env.put("CODINSPECT_EGRESS_PROXY", proxy);
        return SupervisorSettings.fromEnvironment(env, () -> null);
    }

    private static Boundary recording(List<Map<String, String>> seen) {
        return new Boundary() {
            @Override
            public Command.Result run(List<String> command, Path dir, Map<String, String> env, Duration timeout) {
                seen.add(env);
                return new Command.Result(0, false, List.of());
            }

            @Override
            public Launched launch(List<String> command, Path dir, Map<String, String> env, Consumer<String> output) {
                seen.add(env);
                return null;
            }

            @Override
            public void handOver(Path path) {}

            @Override
            public String describe() {
                return "recording";
            }
        };
    }
}
