package io.codinspect.controlplane.stream;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts the watcher sockets that have not said hello yet, in all and per client address, so that
 * unauthenticated sockets cannot pile up: each holds a {@link Place} from when it opens until it
 * says hello (valid or not), times out, or closes, whichever comes first.
 */
final class WithoutHello {

    private final int max;
    private final int maxPerAddress;
    private final Map<InetAddress, Integer> byAddress = new HashMap<>();
    private int total;

    WithoutHello(int max, int maxPerAddress) {
        this.max = max;
        this.maxPerAddress = maxPerAddress;
    }

    /** A place for a new socket from {@code address} (null when unknown), or null when none is left. */
    synchronized Place enter(InetAddress address) {
        if (total >= max || byAddress.getOrDefault(address, 0) >= maxPerAddress) {
            return null;
        }
        total++;
        byAddress.merge(address, 1, Integer::sum);
        return new Place(address);
    }

    synchronized int total() {
        return total;
    }

    synchronized int from(InetAddress address) {
        return byAddress.getOrDefault(address, 0);
    }

    private synchronized void leave(InetAddress address) {
        total--;
        byAddress.computeIfPresent(address, (a, n) -> n == 1 ? null : n - 1);
    }

    /** One socket's place; leaving it more than once counts once. */
    final class Place {

        private final InetAddress address;
        private final AtomicBoolean left = new AtomicBoolean();
        private volatile Future<?> timeout;

        private Place(InetAddress address) {
            this.address = address;
        }

        /** The timer that closes the socket if it stays silent; cancelled when the place is left. */
        void timeout(Future<?> timer) {
            timeout = timer;
            if (left.get()) {
                timer.cancel(false);
            }
        }

        void leave() {
            if (left.compareAndSet(false, true)) {
                WithoutHello.this.leave(address);
                var timer = timeout;
                if (timer != null) {
                    timer.cancel(false);
                }
            }
        }
    }
}
