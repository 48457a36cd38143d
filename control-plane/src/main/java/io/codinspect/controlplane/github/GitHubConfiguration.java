package io.codinspect.controlplane.github;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** GitHub is used only when an App is configured ({@code codinspect.github.app-id}). */
@Configuration(proxyBeanMethods = false)
class GitHubConfiguration {

    @Bean
    @ConditionalOnProperty("codinspect.github.app-id")
    InstallationTokens installationTokens(GitHubProperties properties, Clock clock) {
        return new InstallationTokens(properties, clock);
    }
}
