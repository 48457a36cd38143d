package io.codinspect.testkit;

import io.codinspect.model.bridge.ControlMessage;
import io.codinspect.model.bridge.DeltaKind;
import io.codinspect.model.bridge.SandboxMessage;
import io.codinspect.model.event.EventCodec;
import io.codinspect.model.event.SessionEvent;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * Stands in for a sandbox's supervisor on the bridge, so control-plane tests can script what the
 * agent does. It keeps every event until the control plane acknowledges it and resends the rest
 * after a reconnect, as the real supervisor must.
 */
public final class SimulatedSandbox implements AutoCloseable {

    private final URI bridgeUri;
    private final String token;
    private final TreeMap<Long, String> unacked = new TreeMap<>();
    private final BlockingQueue<ControlMessage.RunPrompt> prompts = new LinkedBlockingQueue<>();
    private final List<ControlMessage> received = new CopyOnWriteArrayList<>();
    private final List<Integer> closeCodes = new CopyOnWriteArrayList<>();
    private long nextId = 1;
    private volatile TextSocket socket;
    private volatile String activePromptId;
    private volatile String lastPromptId;
    private volatile boolean resendEverything;
    private volatile boolean ignoreAcks;

    public SimulatedSandbox(URI bridgeUri, String token) {
        this.bridgeUri = bridgeUri;
        this.token = token;
    }

    /** Opens the bridge and says hello; unacknowledged events are resent once welcomed. */
    public synchronized SimulatedSandbox connect() {
        var s = new TextSocket(this::receive, closeCodes::add);
        s.connect(bridgeUri, Map.of("Authorization", "Bearer " + token));
        socket = s;
        s.send(write(new SandboxMessage.Hello(activePromptId, lastPromptId, "simulated")));
        return this;
    }

    /** Drops the connection as a network failure would, keeping unacknowledged events. */
    public void drop() {
        var s = socket;
        if (s != null) {
            s.abort();
        }
    }

    /** After the next welcome, resend every unacknowledged event even if the control plane has it. */
    public void resendEverythingOnReconnect(boolean value) {
        resendEverything = value;
    }

    /** While set, acknowledgements are ignored, so every event stays queued for resending. */
    public void ignoreAcks(boolean value) {
        ignoreAcks = value;
    }

    /** Reports an event; it is kept until acknowledged. Returns its bridge id. */
    public long emit(SessionEvent event) {
        return emitRaw(EventCodec.toJson(event));
    }

    /** Reports a raw event document, e.g. of a kind the control plane does not know. */
    public long emitRaw(JsonNode event) {
        long id;
        String text;
        synchronized (this) {
            id = nextId++;
            text = write(new SandboxMessage.Event(id, event));
            unacked.put(id, text);
        }
        sendIfOpen(text); // outside the lock: acknowledgements must get through while we send
        return id;
    }

    /** Sends a piece of a raw bridge message, as a sandbox that dies in the middle of a large one would. */
    public void sendPart(String text, boolean last) {
        socket.sendPart(text, last);
    }

    public void delta(String promptId, String partId, String text) {
        sendIfOpen(write(new SandboxMessage.Delta(promptId, partId, DeltaKind.text, text)));
    }

    public void heartbeat() {
        sendIfOpen(write(new SandboxMessage.Heartbeat()));
    }

    /** A running heartbeat; closing it stops the beats. */
    public interface Heartbeats extends AutoCloseable {
        @Override
        void close();
    }

    /** Sends a heartbeat every {@code period}, as the real supervisor does, until closed. */
    public Heartbeats heartbeatEvery(Duration period) {
        var beat = Thread.ofVirtual().name("simulated-heartbeat").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                heartbeat();
                try {
                    Thread.sleep(period); // the heartbeat period itself, not a wait for a condition
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        return beat::interrupt;
    }

    /** Waits for the next prompt command and marks it active. */
    public ControlMessage.RunPrompt awaitPrompt(long timeout, TimeUnit unit) throws InterruptedException {
        var prompt = prompts.poll(timeout, unit);
        if (prompt == null) {
            throw new AssertionError("no prompt arrived within " + timeout + " " + unit);
        }
        activePromptId = prompt.promptId();
        lastPromptId = prompt.promptId();
        return prompt;
    }

    /** The next prompt if one is waiting. */
    public ControlMessage.RunPrompt pollPrompt() {
        return prompts.poll();
    }

    public void turnEnded() {
        activePromptId = null;
    }

    public synchronized int unackedCount() {
        return unacked.size();
    }

    public List<ControlMessage> received() {
        return List.copyOf(received);
    }

    public List<Integer> closeCodes() {
        return List.copyOf(closeCodes);
    }

    public boolean isConnected() {
        var s = socket;
        return s != null && s.isOpen();
    }

    @Override
    public void close() {
        var s = socket;
        if (s != null) {
            s.close();
        }
    }

    private void receive(String text) {
        var message = EventCodec.mapper().readValue(text, ControlMessage.class);
        received.add(message);
        switch (message) {
            case ControlMessage.Welcome welcome -> resend(welcome.lastEventId());
            case ControlMessage.Ack ack -> acknowledge(ack.upTo());
            case ControlMessage.RunPrompt prompt -> prompts.add(prompt);
            case ControlMessage.Stop stop -> {}
            case ControlMessage.Shutdown shutdown -> {}
        }
    }

    private synchronized void acknowledge(long upTo) {
        if (ignoreAcks) {
            return;
        }
        unacked.headMap(upTo, true).clear();
    }

    private void resend(long stored) {
        List<String> pending;
        synchronized (this) {
            if (!resendEverything) {
                unacked.headMap(stored, true).clear();
            }
            resendEverything = false;
            pending = new ArrayList<>(unacked.values());
        }
        Thread.startVirtualThread(() -> pending.forEach(this::sendIfOpen));
    }

    private void sendIfOpen(String text) {
        var s = socket;
        if (s != null && s.isOpen()) {
            try {
                s.send(text);
            } catch (RuntimeException e) {
                // kept in unacked; resent after the next connect
            }
        }
    }

    private static String write(Object message) {
        return EventCodec.mapper().writeValueAsString(message);
    }
}
