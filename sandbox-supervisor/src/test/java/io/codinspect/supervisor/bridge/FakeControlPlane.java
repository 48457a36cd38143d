package io.codinspect.supervisor.bridge;

import io.codinspect.testkit.Json;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import tools.jackson.databind.JsonNode;

/**
 * A real WebSocket server (embedded Tomcat) playing the control plane's side of the bridge, so the
 * supervisor's bridge client is tested over the wire. Each connection's frames are recorded; how
 * it answers is up to the test.
 */
final class FakeControlPlane implements AutoCloseable {

    /** One accepted connection. */
    record Connection(Session session, String authorization, List<JsonNode> received) {
        void send(String json) {
            try {
                session.getBasicRemote().sendText(json);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        void drop() {
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "dropped by the test"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        List<Long> eventIds() {
            return received.stream()
                    .filter(m -> "event".equals(m.path("type").asString()))
                    .map(m -> m.path("id").asLong())
                    .toList();
        }
    }

    final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final Tomcat tomcat = new Tomcat();
    private volatile BiConsumer<Connection, JsonNode> onMessage = (c, m) -> {};

    FakeControlPlane(Path baseDir) throws Exception {
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setPort(0);
        tomcat.getConnector();
        var context = tomcat.addContext("", baseDir.toString());
        context.addServletContainerInitializer(new WsSci(), null);
        Tomcat.addServlet(context, "default", new jakarta.servlet.http.HttpServlet() {}); // upgrades need a mapping
        context.addServletMappingDecoded("/", "default");
        tomcat.start();
        var container = (ServerContainer) context.getServletContext().getAttribute(ServerContainer.class.getName());
        container.addEndpoint(ServerEndpointConfig.Builder.create(BridgeEndpoint.class, "/bridge/{id}")
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public void modifyHandshake(
                            ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
                        var header = request.getHeaders().get("Authorization");
                        config.getUserProperties().put("authorization", header == null ? null : header.getFirst());
                    }

                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> T getEndpointInstance(Class<T> type) {
                        return (T) new BridgeEndpoint(FakeControlPlane.this);
                    }
                })
                .build());
    }

    int port() {
        return tomcat.getConnector().getLocalPort();
    }

    String url() {
        return "ws://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/bridge/sandbox-1";
    }

    void onMessage(BiConsumer<Connection, JsonNode> handler) {
        this.onMessage = handler;
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    /** The server end of one bridge connection. */
    public static final class BridgeEndpoint extends Endpoint {
        private final FakeControlPlane server;

        BridgeEndpoint(FakeControlPlane server) {
            this.server = server;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.setMaxTextMessageBufferSize(1024 * 1024); // an event at the size limit fits
            var connection = new Connection(
                    session, (String) config.getUserProperties().get("authorization"), new CopyOnWriteArrayList<>());
            server.connections.add(connection);
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                var message = Json.parse(text);
                connection.received().add(message);
                server.onMessage.accept(connection, message);
            });
        }
    }
}
