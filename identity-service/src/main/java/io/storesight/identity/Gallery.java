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
 * Every template of every customer in one contiguous float array, searched by brute force for the nearest
 * customers (each customer counted once, at their nearest template). Templates are stored in
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
    /** The slots of each owner (by handle), so that one customer's distance is exact without a scan. */
    private final List<List<Integer>> ownerSlots = new ArrayList<>();

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
            int handle = handleOf(customerId);
            templateIds[size] = templateId;
            owners[size] = handle;
            ownerSlots.get(handle).add(size);
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
            List<Integer> slots = ownerSlots.get(handle);
            while (!slots.isEmpty()) {
                int slot = slots.get(slots.size() - 1);
                slotOfTemplate.remove(templateIds[slot]);
                removeSlot(slot);
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
            ownerSlots.forEach(List::clear);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The {@code k} nearest customers to {@code query}, nearest first, each at the distance of their nearest
     * template. Exact.
     */
    public List<Candidate> nearest(float[] query, int k) {
        lock.readLock().lock();
        try {
            if (size == 0) {
                return List.of();
            }
            int blocks = (size + BLOCK - 1) / BLOCK;
            Nearest best = size < PARALLEL_THRESHOLD || pool == null
                    ? scan(query, k, 0, blocks)
                    : pool.invoke(new Slice(query, k, 0, blocks, Math.max(PARALLEL_THRESHOLD / BLOCK / 4,
                            blocks / slices + 1)));
            return best.candidates(ownerIds);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The distance from {@code query} to the customer's nearest template; +∞ for a customer without templates. */
    public double distance(String customerId, float[] query) {
        lock.readLock().lock();
        try {
            Integer handle = ownerHandles.get(customerId);
            float best = Float.POSITIVE_INFINITY;
            if (handle != null) {
                for (int slot : ownerSlots.get(handle)) {
                    float sum = 0;
                    for (int d = 0; d < Descriptors.DIM; d++) {
                        float t = data[offset(slot, d)] - query[d];
                        sum += t * t;
                    }
                    best = Math.min(best, sum);
                }
            }
            return Math.sqrt(best);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** How many templates the customer has in the gallery. */
    public int templateCount(String customerId) {
        lock.readLock().lock();
        try {
            Integer handle = ownerHandles.get(customerId);
            return handle == null ? 0 : ownerSlots.get(handle).size();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void removeSlot(int slot) {
        int last = size - 1;
        ownerSlots.get(owners[slot]).remove(Integer.valueOf(slot));
        if (slot != last) {
            for (int d = 0; d < Descriptors.DIM; d++) {
                data[offset(slot, d)] = data[offset(last, d)];
            }
            templateIds[slot] = templateIds[last];
            owners[slot] = owners[last];
            slotOfTemplate.put(templateIds[slot], slot);
            List<Integer> moved = ownerSlots.get(owners[slot]);
            moved.set(moved.indexOf(last), slot);
        }
        size--;
    }

    private int handleOf(String customerId) {
        return ownerHandles.computeIfAbsent(customerId, id -> {
            ownerIds.add(id);
            ownerSlots.add(new ArrayList<>(4));
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
    private Nearest scan(float[] query, int k, int fromBlock, int toBlock) {
        float[] d = data;
        int[] o = owners;
        float[] acc = new float[BLOCK];
        Nearest best = new Nearest(k);
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
                if (acc[lane] < best.worst) {
                    best.offer(acc[lane], o[first + lane]);
                }
            }
        }
        return best;
    }

    /** The k nearest distinct owners seen so far, in squared units; unordered until {@link #candidates}. */
    private static final class Nearest {
        final float[] distances;
        final int[] owners;
        int count;
        /** What a template must beat to enter: +∞ until k owners are held. */
        float worst = Float.POSITIVE_INFINITY;

        Nearest(int k) {
            distances = new float[Math.max(1, k)];
            owners = new int[Math.max(1, k)];
        }

        void offer(float d, int owner) {
            for (int i = 0; i < count; i++) {
                if (owners[i] == owner) {
                    if (d < distances[i]) {
                        distances[i] = d;
                        updateWorst();
                    }
                    return;
                }
            }
            if (count < distances.length) {
                distances[count] = d;
                owners[count++] = owner;
            } else {
                int slot = 0;
                for (int i = 1; i < count; i++) {
                    if (distances[i] > distances[slot]) {
                        slot = i;
                    }
                }
                if (d >= distances[slot]) {
                    return;
                }
                distances[slot] = d;
                owners[slot] = owner;
            }
            updateWorst();
        }

        private void updateWorst() {
            if (count < distances.length) {
                return;
            }
            float max = distances[0];
            for (int i = 1; i < count; i++) {
                max = Math.max(max, distances[i]);
            }
            worst = max;
        }

        /** Exact merge: an owner's nearest template is the nearer of its two sides' nearest. */
        Nearest merge(Nearest other) {
            for (int i = 0; i < other.count; i++) {
                offer(other.distances[i], other.owners[i]);
            }
            return this;
        }

        List<Candidate> candidates(List<String> ownerIds) {
            List<Candidate> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                out.add(new Candidate(ownerIds.get(owners[i]), Math.sqrt(distances[i])));
            }
            out.sort(java.util.Comparator.comparingDouble(Candidate::distance));
            return out;
        }
    }

    private final class Slice extends RecursiveTask<Nearest> {
        private final float[] query;
        private final int k;
        private final int from;
        private final int to;
        private final int grain;

        Slice(float[] query, int k, int from, int to, int grain) {
            this.query = query;
            this.k = k;
            this.from = from;
            this.to = to;
            this.grain = grain;
        }

        @Override
        protected Nearest compute() {
            if (to - from <= grain) {
                return scan(query, k, from, to);
            }
            int mid = (from + to) >>> 1;
            Slice right = new Slice(query, k, mid, to, grain);
            right.fork();
            Nearest left = new Slice(query, k, from, mid, grain).compute();
            return left.merge(right.join());
        }
    }
}
