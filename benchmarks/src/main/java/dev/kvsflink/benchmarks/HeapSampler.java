/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package dev.kvsflink.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The peak heap of the JVM during a run, two ways: the largest heap use sampled every 50 ms
 * (garbage included: it depends on when the collector runs) and the largest heap use right after a
 * garbage collection, from the collectors' notifications (close to the live set: what a run keeps).
 *
 * <p>The emulator, the baseline and the MiniCluster share this JVM, so both include the emulator's
 * share; compare runs with each other rather than reading them as the connector's alone.
 */
final class HeapSampler implements AutoCloseable, NotificationListener {

    private static final long SAMPLE_MILLIS = 50;

    private final Set<String> heapPools =
            ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP)
                    .map(MemoryPoolMXBean::getName)
                    .collect(Collectors.toSet());
    private final List<GarbageCollectorMXBean> collectors =
            ManagementFactory.getGarbageCollectorMXBeans();
    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    private HeapSampler() {
        sampler = new Thread(this::sample, "heap-sampler");
        sampler.setDaemon(true);
    }

    /** Collects garbage (so that the previous run's does not count), then starts sampling. */
    static HeapSampler start() {
        System.gc();
        HeapSampler heap = new HeapSampler();
        for (GarbageCollectorMXBean collector : heap.collectors) {
            ((NotificationEmitter) collector).addNotificationListener(heap, null, null);
        }
        heap.sampler.start();
        return heap;
    }

    /** The largest heap use sampled so far, in bytes. */
    long peakUsedBytes() {
        return Math.max(peakUsed.get(), peakAfterGc.get());
    }

    /**
     * The largest heap use right after a collection, in bytes; the sampled peak if no collection
     * happened during the run.
     */
    long peakAfterGcBytes() {
        return peakAfterGc.get() > 0 ? peakAfterGc.get() : peakUsed.get();
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long after = 0;
        for (var pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                after += pool.getValue().getUsed();
            }
        }
        peakAfterGc.accumulateAndGet(after, Math::max);
    }

    private void sample() {
        while (running) {
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            peakUsed.accumulateAndGet(heap.getUsed(), Math::max);
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        sampler.interrupt();
        for (GarbageCollectorMXBean collector : collectors) {
            ((NotificationEmitter) collector).removeNotificationListener(this);
        }
    }
}
