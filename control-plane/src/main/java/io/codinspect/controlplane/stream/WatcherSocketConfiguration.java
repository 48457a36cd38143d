package io.codinspect.controlplane.stream;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** Serves watchers at {@code /api/sessions/{id}/ws}; they authenticate with a ws-token in their hello. */
@Configuration(proxyBeanMethods = false)
class WatcherSocketConfiguration implements WebSocketConfigurer {

    private final WatcherSocketHandler handler;

    WatcherSocketConfiguration(WatcherSocketHandler handler) {
        this.handler = handler;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/api/sessions/*/ws").setAllowedOriginPatterns("*");
    }
}
