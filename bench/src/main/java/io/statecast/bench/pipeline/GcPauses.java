package io.statecast.bench.pipeline;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * This JVM's garbage collections from construction to {@link #close}: how many, how long they took in all
 * and the longest. On a job's one CPU a collection's pause stops every stage at once, so a long one shows
 * in the latency tail; the pause times vary much less with the machine's load than the latency does.
 * Durations are the collector's own (JMX notifications); for G1 a young or mixed collection's is its pause.
 */
final class GcPauses implements AutoCloseable {

    /** Collections of one run. */
    record Summary(int count, long totalMillis, long longestMillis) {
        @Override
        public String toString() {
            return String.format("%d collections, %,d ms in all, longest %,d ms", count, totalMillis, longestMillis);
        }
    }

    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::collected;
    private int count;
    private long totalMillis;
    private long longestMillis;

    GcPauses() {
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    private synchronized void collected(Notification notification, Object handback) {
        if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long millis = info.getGcInfo().getDuration();
        count++;
        totalMillis += millis;
        longestMillis = Math.max(longestMillis, millis);
    }

    /** The collections so far (notifications arrive shortly after each collection ends). */
    synchronized Summary summary() {
        return new Summary(count, totalMillis, longestMillis);
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // Not registered on this one: nothing to remove.
            }
        }
    }
}
