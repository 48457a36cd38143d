package io.codinspect.supervisor;

import java.util.Locale;

/**
 * How this sandbox came to be; hooks see it as {@code CODINSPECT_BOOT_MODE}. {@code setup.sh} runs
 * on {@code build} and {@code fresh} boots, {@code start.sh} on every boot but {@code build}.
 */
public enum BootMode {
    build,
    fresh,
    repo_image,
    snapshot_restore;

    static BootMode parse(String value) {
        try {
            return valueOf(value.toLowerCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "CODINSPECT_BOOT_MODE must be build, fresh, repo_image or snapshot_restore, not '" + value + "'");
        }
    }

    public boolean runsSetup() {
        return this == build || this == fresh;
    }

    public boolean runsStart() {
        return this != build;
    }
}
