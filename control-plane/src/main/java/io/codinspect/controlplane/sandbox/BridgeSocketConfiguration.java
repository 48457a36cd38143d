package io.codinspect.controlplane.sandbox;

import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;

/** Serves the sandbox bridge at {@code /bridge/{sandboxId}}, authenticated by the sandbox's token. */
@Configuration(proxyBeanMethods = false)
class BridgeSocketConfiguration implements WebSocketConfigurer {

    private final BridgeSocketHandler handler;
    private final SandboxLifecycle lifecycle;

    BridgeSocketConfiguration(BridgeSocketHandler handler, SandboxLifecycle lifecycle) {
        this.handler = handler;
        this.lifecycle = lifecycle;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/bridge/*")
                .addInterceptors(new TokenHandshake())
                .setAllowedOriginPatterns("*");
    }

    private final class TokenHandshake implements HandshakeInterceptor {

        @Override
        public boolean beforeHandshake(
                ServerHttpRequest request,
                ServerHttpResponse response,
                WebSocketHandler wsHandler,
                Map<String, Object> attributes) {
            var header = request.getHeaders().getFirst("Authorization");
            var token = header != null && header.startsWith("Bearer ")
                    ? header.substring(7).trim()
                    : null;
            var path = request.getURI().getPath();
            var claimed = path.substring(path.lastIndexOf('/') + 1);
            var who = lifecycle
                    .authenticate(token)
                    .filter(w -> w.sandboxId().toString().equals(claimed));
            if (who.isEmpty()) {
                response.setStatusCode(HttpStatus.UNAUTHORIZED);
                return false;
            }
            attributes.put(BridgeSocketHandler.IDENTITY, who.get());
            return true;
        }

        @Override
        public void afterHandshake(
                ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler, Exception e) {}
    }
}
