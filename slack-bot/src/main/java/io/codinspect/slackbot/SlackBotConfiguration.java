package io.codinspect.slackbot;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import io.codinspect.client.CodInspectClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The bot's parts: Bolt's app with the handlers, Slack's Web API, and the control plane's client. */
@Configuration(proxyBeanMethods = false)
class SlackBotConfiguration {

    /** A picker's repositories are awaited 2.5 s (Slack's limit) but fetched on, for the next keystroke. */
    private static final Duration SUGGESTION_TIMEOUT = Duration.ofSeconds(10);

    @Bean
    CodInspectClient codInspectClient(ControlPlaneProperties controlPlane) {
        return CodInspectClient.builder(controlPlane.url())
                .token(controlPlane.token())
                .timeout(controlPlane.timeout())
                .build();
    }

    @Bean(destroyMethod = "close")
    Slack slack(SlackBotProperties properties) {
        var config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(properties.methodsPrefix());
        var millis = (int) properties.slackTimeout().toMillis();
        config.setHttpClientCallTimeoutMillis(millis);
        config.setHttpClientReadTimeoutMillis(millis);
        config.setHttpClientWriteTimeoutMillis(millis);
        config.setPrettyResponseLoggingEnabled(false);
        return Slack.getInstance(config);
    }

    @Bean(destroyMethod = "close")
    Work work(SlackBotProperties properties) {
        return new Work(properties.maxConcurrentWork(), properties.maxQueuedWork());
    }

    @Bean
    App boltApp(
            SlackBotProperties properties,
            ControlPlaneProperties controlPlane,
            Slack slack,
            CodInspectClient client,
            Work work) {
        var app = new App(AppConfig.builder()
                .singleTeamBotToken(properties.botToken())
                .signingSecret(properties.signingSecret())
                .slack(slack)
                .allEventsApiAutoAckEnabled(true)
                .build());
        var api = new SlackApi(app.client());
        var people = new People(api, client);
        var pickers = new RepositoryPicker(api);
        var clock = Clock.systemUTC();
        var conversations = new Conversations(
                api,
                client,
                people,
                new RepositoryChoice(properties.repositoryByChannel(), properties.defaultRepository()),
                new Outage(properties.outageRetryFor(), clock),
                new RecentMessages(clock),
                pickers);
        var suggestions = CodInspectClient.builder(controlPlane.url())
                .token(controlPlane.token())
                .timeout(SUGGESTION_TIMEOUT)
                .build();
        new SlackEvents(
                        work,
                        conversations,
                        new Buttons(api, people, pickers),
                        new AppHome(api, people),
                        new RepositorySuggestions(people, suggestions, clock))
                .register(app);
        return app;
    }

    @Bean
    Replies replies(App app, CodInspectClient client) {
        return new Replies(new SlackApi(app.client()), client);
    }
}
