package io.codinspect.controlplane.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** Turns on WebSockets; each feature registers its own endpoints with a {@code WebSocketConfigurer}. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration {

    /**
     * The container allocates these buffers for every open socket, so they stay small; endpoints
     * take partial messages and reassemble large ones with {@link TextFrames}.
     */
    private static final int BUFFER = 8 * 1024;

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        var container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(BUFFER);
        container.setMaxBinaryMessageBufferSize(BUFFER);
        container.setAsyncSendTimeout(10_000L);
        return container;
    }
}
