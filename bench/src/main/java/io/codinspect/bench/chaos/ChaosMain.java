package io.codinspect.bench.chaos;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;

/**
 * {@code ./codinspect chaos [--minutes=11] [--sessions=4] [--gap-ms=2500] [--seed=N]}: a
 * fault-injection run; prints the faults injected, prompts run, events lost, events duplicated,
 * agent writes missing and sessions left stuck, and exits non-zero unless the last four are 0.
 */
public final class ChaosMain {

    private ChaosMain() {}

    public static void main(String[] args) throws Exception {
        var options = new HashMap<String, String>();
        for (var arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        var minutes = Double.parseDouble(options.getOrDefault("minutes", "11"));
        var seed = Long.parseLong(options.getOrDefault("seed", Long.toString(System.currentTimeMillis())));
        var run = new ChaosRun(
                ChaosRun.findRoot(),
                Files.createTempDirectory("codinspect-chaos-"),
                Integer.parseInt(options.getOrDefault("sessions", "4")),
                Duration.ofMillis((long) (minutes * 60_000)),
                Duration.ofMillis(Long.parseLong(options.getOrDefault("gap-ms", "2500"))),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("restart-every-s", "50"))),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("stop-grace-s", "30"))),
                options.containsKey("heartbeat-s")
                        ? Duration.ofSeconds(Long.parseLong(options.get("heartbeat-s")))
                        : null, // the control plane's default
                seed);
        System.out.printf(
                "chaos: seed %d, %d sessions, faults for %.1f min, logs in %s%n",
                seed, run.sessions(), minutes, run.dir());
        var report = run.run();
        report.print(System.out);
        System.exit(report.clean() ? 0 : 1);
    }
}
