package io.storesight.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Every template of every customer in one contiguous float array, searched by brute force. Templates are stored in
 * blocks of {@value #BLOCK}: within a block, dimension-major ({@code [d][lane]}), so the distance loop runs across 64
 * templates at once as plain element-wise float arithmetic, which HotSpot compiles to SIMD instructions (a loop that
 * sums one template's 128 dimensions is a reduction it will not vectorise). Large galleries are scanned in parallel
 * slices of whole blocks whose partial results merge exactly. Removal moves the last template into the freed slot, so
 * the array stays dense.
 */
public final class Gallery {
    /** Below this many templates one thread is faster than splitting the scan. */
    static final int PARALLEL_THRESHOLD = 32_768;
    static final int BLOCK = 64;
    private static final int BLOCK_FLOATS = BLOCK * Descriptors.DIM;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final ForkJoinPool pool;
    private final int slices;

    private float[] data = new float[1024 * Descriptors.DIM];
    private long[] templateIds = new long[1024];
    private int[] owners = new int[1024];
    private int size;

    private final List<String> ownerIds = new ArrayList<>();
    private final Map<String, Integer> ownerHandles = new HashMap<>();
    private final Map<Long, Integer> slotOfTemplate = new HashMap<>();

    public Gallery(int threads) {
        this.slices = Math.max(1, threads);
        this.pool = slices > 1 ? new ForkJoinPool(slices) : null;
    }

    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    public void add(String customerId, long templateId, float[] descriptor) {
        Descriptors.requireValid(descriptor);
        lock.writeLock().lock();
        try {
            if (slotOfTemplate.containsKey(templateId)) {
                return;
            }
            if (size == templateIds.length) {
                int capacity = templateIds.length * 2;
                data = Arrays.copyOf(data, capacity * Descriptors.DIM);
                templateIds = Arrays.copyOf(templateIds, capacity);
                owners = Arrays.copyOf(owners, capacity);
            }
            writeLane(size, descriptor);
            templateIds[size] = templateId;
            owners[size] = handleOf(customerId);
            slotOfTemplate.put(templateId, size);
            size++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void removeTemplate(long templateId) {
        lock.writeLock().lock();
        try {
            Integer slot = slotOfTemplate.remove(templateId);
            if (slot != null) {
                removeSlot(slot);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void removeCustomer(String customerId) {
        lock.writeLock().lock();
        try {
            Integer handle = ownerHandles.get(customerId);
            if (handle == null) {
                return;
            }
            for (int slot = size - 1; slot >= 0; slot--) {
                if (owners[slot] == handle) {
                    slotOfTemplate.remove(templateIds[slot]);
                    removeSlot(slot);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void clear() {
        lock.writeLock().lock();
        try {
            size = 0;
            slotOfTemplate.clear();
        } finally {
            lock.writeLock().unlock();
        }
    }

    public Match nearest(float[] query) {
        lock.readLock().lock();
        try {
            if (size == 0) {
                return Match.NONE;
            }
            int blocks = (size + BLOCK - 1) / BLOCK;
            Best best = size < PARALLEL_THRESHOLD || pool == null
                    ? scan(query, 0, blocks)
                    : pool.invoke(new Slice(query, 0, blocks, Math.max(PARALLEL_THRESHOLD / BLOCK / 4,
                            blocks / slices + 1)));
            return new Match(ownerIds.get(best.owner1), (float) Math.sqrt(best.d1),
                    best.owner2 < 0 ? null : ownerIds.get(best.owner2),
                    best.owner2 < 0 ? Float.POSITIVE_INFINITY : (float) Math.sqrt(best.d2));
        } finally {
            lock.readLock().unlock();
        }
    }

    private void removeSlot(int slot) {
        int last = size - 1;
        if (slot != last) {
            for (int d = 0; d < Descriptors.DIM; d++) {
                data[offset(slot, d)] = data[offset(last, d)];
            }
            templateIds[slot] = templateIds[last];
            owners[slot] = owners[last];
            slotOfTemplate.put(templateIds[slot], slot);
        }
        size--;
    }

    private int handleOf(String customerId) {
        return ownerHandles.computeIfAbsent(customerId, id -> {
            ownerIds.add(id);
            return ownerIds.size() - 1;
        });
    }

    private static int offset(int slot, int d) {
        return (slot / BLOCK) * BLOCK_FLOATS + d * BLOCK + slot % BLOCK;
    }

    private void writeLane(int slot, float[] descriptor) {
        for (int d = 0; d < Descriptors.DIM; d++) {
            data[offset(slot, d)] = descriptor[d];
        }
    }

    /** Scans blocks [fromBlock, toBlock). */
    private Best scan(float[] query, int fromBlock, int toBlock) {
        float[] d = data;
        int[] o = owners;
        float[] acc = new float[BLOCK];
        Best best = new Best();
        for (int block = fromBlock; block < toBlock; block++) {
            Arrays.fill(acc, 0f);
            int base = block * BLOCK_FLOATS;
            for (int dim = 0; dim < Descriptors.DIM; dim++) {
                float q = query[dim];
                int off = base + dim * BLOCK;
                for (int lane = 0; lane < BLOCK; lane++) {
                    float t = d[off + lane] - q;
                    acc[lane] += t * t;
                }
            }
            int first = block * BLOCK;
            int lanes = Math.min(BLOCK, size - first);
            for (int lane = 0; lane < lanes; lane++) {
                best.offer(acc[lane], o[first + lane]);
            }
        }
        return best;
    }

    /** Best distance overall and best distance of any other owner, in squared units. */
    private static final class Best {
        float d1 = Float.POSITIVE_INFINITY;
        int owner1 = -1;
        float d2 = Float.POSITIVE_INFINITY;
        int owner2 = -1;

        void offer(float d, int owner) {
            if (d < d1) {
                if (owner != owner1) {
                    d2 = d1;
                    owner2 = owner1;
                }
                d1 = d;
                owner1 = owner;
            } else if (d < d2 && owner != owner1) {
                d2 = d;
                owner2 = owner;
            }
        }

        /**
         * Exact merge: the global best is one of the two bests; the best other owner is either the other side's best
         * (when it has a different owner) or one side's second best.
         */
        Best merge(Best other) {
            Best merged = new Best();
            for (Best side : new Best[] { this, other }) {
                if (side.owner1 >= 0) {
                    merged.offer(side.d1, side.owner1);
                }
                if (side.owner2 >= 0) {
                    merged.offer(side.d2, side.owner2);
                }
            }
            return merged;
        }
    }

    private final class Slice extends RecursiveTask<Best> {
        private final float[] query;
        private final int from;
        private final int to;
        private final int grain;

        Slice(float[] query, int from, int to, int grain) {
            this.query = query;
            this.from = from;
            this.to = to;
            this.grain = grain;
        }

        @Override
        protected Best compute() {
            if (to - from <= grain) {
                return scan(query, from, to);
            }
            int mid = (from + to) >>> 1;
            Slice right = new Slice(query, mid, to, grain);
            right.fork();
            Best left = new Slice(query, from, mid, grain).compute();
            return left.merge(right.join());
        }
    }
}
