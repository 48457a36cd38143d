package io.codinspect.controlplane.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** Turns on WebSockets; each feature registers its own endpoints with a {@code WebSocketConfigurer}. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration {

    /** Room for a whole prompt or tool call in one message. */
    private static final int MAX_MESSAGE_BYTES = 1024 * 1024;

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        var container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(MAX_MESSAGE_BYTES);
        container.setMaxBinaryMessageBufferSize(MAX_MESSAGE_BYTES);
        container.setAsyncSendTimeout(10_000L);
        return container;
    }
}
