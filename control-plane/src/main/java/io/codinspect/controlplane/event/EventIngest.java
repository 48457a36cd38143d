package io.codinspect.controlplane.event;

import io.codinspect.controlplane.event.internal.EventJson;
import io.codinspect.controlplane.event.internal.EventStore;
import io.codinspect.controlplane.system.AfterCommit;
import io.codinspect.model.event.EventTypes;
import io.codinspect.model.event.SessionEvent;
import io.codinspect.model.event.Warning;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.NonTransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores events reported by sandboxes in batches: one writer drains a bounded queue, numbers the
 * events per session, inserts them in one transaction, and after commit acknowledges them to their
 * sandboxes, hands them to live watchers and queues the domain's reactions to them
 * ({@link EventReactions}). Events a sandbox resends after a reconnect (ids it already stored) are
 * dropped and acknowledged again.
 */
@Component
public class EventIngest implements SmartLifecycle {

    /**
     * One event from a sandbox; {@code bridgeId} is the sandbox's own increasing id. Its JSON is
     * written on the submitting thread, so that work is spread over the bridges' threads instead of
     * the single writer.
     */
    public record Item(UUID sessionId, UUID sandboxId, long bridgeId, SessionEvent event, String type, String fields) {

        public Item(UUID sessionId, UUID sandboxId, long bridgeId, SessionEvent event) {
            this(sessionId, sandboxId, bridgeId, event, EventTypes.nameOf(event), EventJson.storedFields(event));
        }
    }

    private static final Logger log = LoggerFactory.getLogger(EventIngest.class);
    private static final int LAST_STORED_CACHE = 10_000;

    private final BlockingQueue<Item> queue;
    private final EventStore store;
    private final EventSink sink;
    private final IngestAcknowledger acknowledger;
    private final EventReactions reactions;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int batchSize;
    /** Highest stored bridge id per recently seen sandbox; writer thread only. Evicted ones are re-read. */
    private final Map<UUID, Long> lastStored = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Long> eldest) {
            return size() > LAST_STORED_CACHE;
        }
    };

    private final Counter ingested;
    private final Counter duplicates;
    private final Timer batchTimer;
    private volatile Thread writer;
    private volatile boolean running;

    EventIngest(
            EventProperties properties,
            EventStore store,
            EventSink sink,
            IngestAcknowledger acknowledger,
            EventReactions reactions,
            TransactionTemplate tx,
            Clock clock,
            MeterRegistry meters) {
        this.queue = new ArrayBlockingQueue<>(properties.ingestQueueCapacity());
        this.store = store;
        this.sink = sink;
        this.acknowledger = acknowledger;
        this.reactions = reactions;
        this.tx = tx;
        this.clock = clock;
        this.batchSize = properties.batchSize();
        this.ingested = meters.counter("codinspect.events.ingested");
        this.duplicates = meters.counter("codinspect.events.duplicates");
        this.batchTimer = meters.timer("codinspect.events.batch");
        meters.gaugeCollectionSize("codinspect.events.ingest.queue", List.of(), queue);
    }

    /** Queues an event; blocks while the queue is full, which slows the sandbox down instead of losing events. */
    public void submit(Item item) throws InterruptedException {
        queue.put(item);
    }

    /** The highest event id of a sandbox that is stored, as a connecting sandbox is told in its welcome. */
    public long lastStored(UUID sandboxId) {
        return store.lastStoredBridgeId(sandboxId);
    }

    @Override
    public void start() {
        running = true;
        writer = Thread.ofPlatform().name("event-ingest").daemon().start(this::drain);
    }

    @Override
    public void stop() {
        running = false;
        var thread = writer;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server (bridge sockets) stopped feeding it, and after the sandboxes were shut down. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void drain() {
        var batch = new ArrayList<Item>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                var first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                storeWithRetry(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    // stopping: what is still queued was never acknowledged, so sandboxes resend it
                    return;
                }
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Stores a batch, retrying with back-off while the database is unavailable. When the database
     * refuses the data itself, the batch is stored one event at a time and an event it refuses is
     * replaced by a warning, so one bad event never blocks every sandbox.
     */
    private void storeWithRetry(List<Item> batch) throws InterruptedException {
        long backoff = 100;
        while (true) {
            try {
                batchTimer.record(() -> store(batch));
                return;
            } catch (NonTransientDataAccessException e) {
                lastStored.clear(); // re-read from the database: the failed transaction stored nothing
                if (batch.size() == 1) {
                    var item = batch.getFirst();
                    log.warn(
                            "The database refused an event of sandbox={}; storing a warning instead",
                            item.sandboxId(),
                            e);
                    storeWithRetry(List.of(refused(item)));
                    return;
                }
                for (var item : batch) {
                    storeWithRetry(List.of(item));
                }
                return;
            } catch (RuntimeException e) {
                lastStored.clear();
                log.error("Storing {} sandbox events failed; retrying in {} ms", batch.size(), backoff, e);
                Thread.sleep(backoff); // back-off between retries of a failed database write
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    private static Item refused(Item item) {
        var warning = new Warning(
                item.event().promptId(),
                "A '" + EventTypes.nameOf(item.event())
                        + "' event from the sandbox could not be stored and was dropped.");
        return new Item(item.sessionId(), item.sandboxId(), item.bridgeId(), warning);
    }

    private void store(List<Item> batch) {
        var stored = tx.execute(status -> {
            var fresh = new ArrayList<Item>(batch.size());
            var acks = new LinkedHashMap<UUID, Long>();
            var seen = new HashMap<UUID, Long>();
            for (var item : batch) {
                long last = seen.computeIfAbsent(
                        item.sandboxId(), id -> lastStored.computeIfAbsent(id, store::lastStoredBridgeId));
                acks.merge(item.sandboxId(), Math.max(last, item.bridgeId()), Math::max);
                if (item.bridgeId() <= last) {
                    duplicates.increment();
                    continue;
                }
                seen.put(item.sandboxId(), item.bridgeId());
                fresh.add(item);
            }
            var numbered = number(fresh);
            var events = numbered.stream().map(Numbered::stored).toList();
            store.markStored(seen);
            var reported = numbered.stream()
                    .map(n -> new SandboxEventsStored(
                            n.stored().sessionId(),
                            n.item().sandboxId(),
                            n.stored().seq(),
                            n.item().event()))
                    .toList();
            AfterCommit.run(() -> {
                try {
                    sink.committed(events);
                } finally {
                    reactions.submit(reported); // reactions run after commit, isolated from this batch
                }
            });
            lastStored.putAll(seen);
            return new Result(events, acks);
        });
        ingested.increment(stored.events.size());
        stored.acks.forEach(acknowledger::stored);
    }

    private record Numbered(Item item, StoredEvent stored) {}

    /** Reserves seqs per session and inserts the events; events of sessions that are gone are dropped. */
    private List<Numbered> number(List<Item> items) {
        if (items.isEmpty()) {
            return List.of();
        }
        var counts = new HashMap<UUID, Integer>();
        items.forEach(i -> counts.merge(i.sessionId(), 1, Integer::sum));
        var last = store.reserve(counts);
        var next = new HashMap<UUID, Long>();
        last.forEach((session, seq) -> next.put(session, seq - counts.get(session) + 1));
        var now = clock.instant();
        var numbered = new ArrayList<Numbered>(items.size());
        var payloads = new ArrayList<String>(items.size());
        for (var item : items) {
            var seq = next.get(item.sessionId());
            if (seq == null) {
                log.warn("Dropping event for missing session={} sandbox={}", item.sessionId(), item.sandboxId());
                continue;
            }
            next.put(item.sessionId(), seq + 1);
            var fields = item.fields();
            var type = item.type();
            numbered.add(new Numbered(
                    item, new StoredEvent(item.sessionId(), seq, type, now, EventJson.of(seq, type, now, fields))));
            payloads.add(fields);
        }
        store.insert(numbered.stream().map(Numbered::stored).toList(), payloads);
        return numbered;
    }

    private record Result(List<StoredEvent> events, Map<UUID, Long> acks) {}
}
