package io.storesight.identity;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Every template of every customer, for the k nearest customers of a face (each customer counted once, at their
 * nearest template) and one customer's distance. Every distance returned is exact.
 * <p>
 * A small gallery is scanned exactly. From {@link #INDEX_THRESHOLD} templates on, each template also has a
 * {@link DescriptorSketch} (64 bytes), and a query ranks the whole gallery by the sketches' estimates, computes exact
 * distances for the best {@link #rerankCount} of them only, and then each found customer's exact distance over all
 * their templates. Below half the threshold the sketches are dropped again, so the switch does not flap.
 * <p>
 * Descriptors are stored row-major in fixed-size chunks, so growing never copies the whole gallery under the write
 * lock. Removal moves the last template into the freed slot, so storage stays dense. Writes take the write lock:
 * once {@link #removeCustomer} returns, no query sees that customer.
 */
public final class Gallery {
    /** From this many templates on, queries go through the sketches; below half of it, back to the exact scan. */
    static final int INDEX_THRESHOLD = 20_000;
    /**
     * Candidates re-ranked exactly: this many at least, plus {@code 1 / RERANK_DIVISOR} of the gallery. At 1M
     * made-up real-like templates the nearest template of a stranger (the hardest query) ranks at most about 2,400th
     * by its sketch's estimate, so 5,024 leaves room.
     */
    static final int MIN_RERANK = 1_024;

    static final int RERANK_DIVISOR = 250;
    /** Below this many templates one thread is faster than splitting the scan. */
    private static final int PARALLEL_THRESHOLD = 65_536;

    private static final int CHUNK_SHIFT = 14;
    private static final int CHUNK = 1 << CHUNK_SHIFT;
    private static final int MASK = CHUNK - 1;
    /** Resolution of the estimated squared distances when picking the best candidates. */
    private static final int BINS = 8192;
    /** Every this many templates one is estimated first, to set the scan's limit... */
    private static final int SAMPLE_STRIDE = 32;
    /** ...from no fewer than this many. */
    private static final int MIN_SAMPLE = 2_000;
    /** How many times the wanted number of candidates the limit aims to let through. */
    private static final int SLACK = 3;
    /** Below this many candidates one thread re-ranks them all. */
    private static final int PARALLEL_RERANK = 2_048;

    private static final int DIM = Descriptors.DIM;
    private static final int WORDS = DescriptorSketch.WORDS;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** Scans all slices but the caller's, which the calling thread scans itself. */
    private final ForkJoinPool pool;

    private final int slices;

    private float[][] vectors = new float[0][];
    private long[] templateIds = new long[CHUNK];
    private int[] owners = new int[CHUNK];
    private int size;

    private final List<String> ownerIds = new ArrayList<>();
    private final Map<String, Integer> ownerHandles = new HashMap<>();
    private final Map<Long, Integer> slotOfTemplate = new HashMap<>();
    /** The slots of each owner (by handle), so that one customer's distance is exact without a scan. */
    private final List<List<Integer>> ownerSlots = new ArrayList<>();
    /** Handles of owners without templates, for reuse: erased customers leave nothing behind. */
    private final Deque<Integer> freeHandles = new ArrayDeque<>();

    /** Null while the gallery is scanned exactly. */
    private DescriptorSketch sketch;

    private long[][] codes;
    private float[] norms;
    private float maxNorm;

    public Gallery(int threads) {
        this.slices = Math.max(1, threads);
        this.pool = slices > 1 ? new ForkJoinPool(slices - 1) : null;
    }

    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Whether queries go through the sketches (a large gallery) rather than the exact scan. */
    public boolean indexed() {
        lock.readLock().lock();
        try {
            return sketch != null;
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
            int slot = size;
            ensureCapacity(slot + 1);
            System.arraycopy(descriptor, 0, vectors[slot >>> CHUNK_SHIFT], (slot & MASK) * DIM, DIM);
            int handle = handleOf(customerId);
            templateIds[slot] = templateId;
            owners[slot] = handle;
            ownerSlots.get(handle).add(slot);
            slotOfTemplate.put(templateId, slot);
            size++;
            if (sketch != null) {
                sketchSlot(slot, descriptor);
            } else if (size >= INDEX_THRESHOLD) {
                buildSketch();
            }
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
            vectors = new float[0][];
            templateIds = new long[CHUNK];
            owners = new int[CHUNK];
            slotOfTemplate.clear();
            ownerSlots.clear();
            ownerIds.clear();
            ownerHandles.clear();
            freeHandles.clear();
            dropSketch();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * The {@code k} nearest customers to {@code query}, nearest first, each at the exact distance of their nearest
     * template.
     */
    public List<Candidate> nearest(float[] query, int k) {
        lock.readLock().lock();
        try {
            if (size == 0 || k <= 0) {
                return List.of();
            }
            Nearest best = sketch == null ? exactScan(query, k) : sketchSearch(query, k);
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
            return Math.sqrt(handle == null ? Float.POSITIVE_INFINITY : ownerSquaredDistance(handle, query));
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

    /** How many candidates a gallery of {@code size} templates re-ranks exactly. */
    static int rerankCount(int size) {
        return Math.min(size, MIN_RERANK + size / RERANK_DIVISOR);
    }

    private Nearest exactScan(float[] query, int k) {
        Nearest best = new Nearest(k);
        for (int slot = 0; slot < size; slot++) {
            float d = squaredDistance(slot, query);
            if (d < best.worst) {
                best.offer(d, owners[slot]);
            }
        }
        return best;
    }

    /**
     * Ranks every template by its sketch's estimate and measures the best {@link #rerankCount} exactly. The scan keeps
     * only templates estimated within a limit read off a sample of the gallery (every {@value #SAMPLE_STRIDE}th
     * template), set to let through {@value #SLACK}× the wanted number, so it neither sorts nor stores an estimate
     * per template; the best of those it keeps are measured. The customers found are then measured over all their
     * templates, so a customer whose nearest template missed the cut still gets their exact distance.
     */
    private Nearest sketchSearch(float[] query, int k) {
        DescriptorSketch.Query q = sketch.query(query);
        float reach = maxNorm + q.norm();
        float scale = BINS / Math.max(reach * reach, Float.MIN_NORMAL);
        int wanted = rerankCount(size);
        int stride = Math.max(1, Math.min(SAMPLE_STRIDE, size / MIN_SAMPLE));
        int[] sample = new int[BINS];
        for (int slot = 0; slot < size; slot += stride) {
            sample[key(estimate(q, slot), scale)]++;
        }
        Candidates kept = keep(q, sample, stride, wanted, scale);
        int[] keys = new int[BINS];
        for (int i = 0; i < kept.count; i++) {
            keys[key(kept.estimates[i], scale)]++;
        }
        int lastKey = cut(keys, wanted);
        // Owners beyond k are kept as spares: the exact pass below may reorder them.
        Nearest found = new Nearest(2 * k);
        for (Nearest part : inSlices(
                kept.count,
                kept.count >= PARALLEL_RERANK,
                (from, to) -> rerank(query, kept, lastKey, scale, 2 * k, from, to))) {
            found.merge(part);
        }
        Nearest exact = new Nearest(k);
        for (int i = 0; i < found.count; i++) {
            exact.offer(ownerSquaredDistance(found.owners[i], query), found.owners[i]);
        }
        return exact;
    }

    /**
     * The templates estimated within a limit that lets about {@value #SLACK}× {@code wanted} through by the sample; if
     * fewer than {@code wanted} come through, a limit 4× as generous, up to letting everyone through.
     */
    private Candidates keep(DescriptorSketch.Query q, int[] sample, int stride, int wanted, float scale) {
        long sampleWanted = Math.min(size / stride + 1L, (long) SLACK * wanted / stride + 1);
        while (true) {
            int key = cut(sample, (int) Math.min(sampleWanted, Integer.MAX_VALUE));
            float limit = key == BINS - 1 ? Float.POSITIVE_INFINITY : (key + 1) / scale;
            Candidates kept = Candidates.merge(
                    inSlices(size, size >= PARALLEL_THRESHOLD, (from, to) -> within(q, limit, from, to)));
            if (kept.count >= wanted || limit == Float.POSITIVE_INFINITY) {
                return kept;
            }
            sampleWanted *= 4;
        }
    }

    /** The smallest key that, with every smaller one, takes at least {@code wanted} of the counted. */
    private static int cut(int[] histogram, int wanted) {
        int key = 0;
        for (int taken = histogram[0]; taken < wanted && key < BINS - 1; ) {
            taken += histogram[++key];
        }
        return key;
    }

    private static int key(float estimate, float scale) {
        int key = (int) (estimate * scale);
        return key < 0 ? 0 : Math.min(key, BINS - 1);
    }

    /** The sketch's estimate of the squared distance from the query to the template in {@code slot}. */
    private float estimate(DescriptorSketch.Query q, int slot) {
        long[] c = codes[slot >>> CHUNK_SHIFT];
        long[] qc = q.code();
        int o = (slot & MASK) * WORDS;
        int h = 0;
        for (int w = 0; w < WORDS; w++) {
            h += Long.bitCount(c[o + w] ^ qc[w]);
        }
        float len = norms[slot];
        return len * (len - q.table()[h]) + q.squaredNorm();
    }

    /** The templates of slots [from, to) estimated within {@code limit}; the hot loop of a large gallery's query. */
    private Candidates within(DescriptorSketch.Query q, float limit, int from, int to) {
        Candidates out = new Candidates(64);
        long[] qc = q.code();
        long q0 = qc[0], q1 = qc[1], q2 = qc[2], q3 = qc[3], q4 = qc[4], q5 = qc[5], q6 = qc[6], q7 = qc[7];
        float[] table = q.table();
        float threshold = limit - q.squaredNorm();
        float[] n = norms;
        for (int slot = from; slot < to; ) {
            long[] c = codes[slot >>> CHUNK_SHIFT];
            int end = Math.min(to, ((slot >>> CHUNK_SHIFT) + 1) << CHUNK_SHIFT);
            for (; slot < end; slot++) {
                int o = (slot & MASK) * WORDS;
                int h = Long.bitCount(c[o] ^ q0)
                        + Long.bitCount(c[o + 1] ^ q1)
                        + Long.bitCount(c[o + 2] ^ q2)
                        + Long.bitCount(c[o + 3] ^ q3)
                        + Long.bitCount(c[o + 4] ^ q4)
                        + Long.bitCount(c[o + 5] ^ q5)
                        + Long.bitCount(c[o + 6] ^ q6)
                        + Long.bitCount(c[o + 7] ^ q7);
                float len = n[slot];
                float estimate = len * (len - table[h]);
                if (estimate <= threshold) {
                    out.add(slot, estimate + q.squaredNorm());
                }
            }
        }
        return out;
    }

    private Nearest rerank(float[] query, Candidates candidates, int lastKey, float scale, int k, int from, int to) {
        Nearest best = new Nearest(k);
        for (int i = from; i < to; i++) {
            if (key(candidates.estimates[i], scale) <= lastKey) {
                int slot = candidates.slots[i];
                float d = squaredDistance(slot, query);
                if (d < best.worst) {
                    best.offer(d, owners[slot]);
                }
            }
        }
        return best;
    }

    /** Templates (by slot) kept by the scan, with their estimates. */
    private static final class Candidates {
        int[] slots;
        float[] estimates;
        int count;

        Candidates(int capacity) {
            slots = new int[capacity];
            estimates = new float[capacity];
        }

        void add(int slot, float estimate) {
            if (count == slots.length) {
                slots = Arrays.copyOf(slots, count * 2);
                estimates = Arrays.copyOf(estimates, count * 2);
            }
            slots[count] = slot;
            estimates[count++] = estimate;
        }

        static Candidates merge(List<Candidates> parts) {
            if (parts.size() == 1) {
                return parts.get(0);
            }
            Candidates all = new Candidates(
                    Math.max(1, parts.stream().mapToInt(p -> p.count).sum()));
            for (Candidates part : parts) {
                System.arraycopy(part.slots, 0, all.slots, all.count, part.count);
                System.arraycopy(part.estimates, 0, all.estimates, all.count, part.count);
                all.count += part.count;
            }
            return all;
        }
    }

    @FunctionalInterface
    private interface SliceWork<T> {
        T scan(int from, int to);
    }

    /** Runs {@code work} over consecutive slices of [0, count), the calling thread taking the first. */
    private <T> List<T> inSlices(int count, boolean parallel, SliceWork<T> work) {
        int parts = pool == null || !parallel ? 1 : slices;
        List<ForkJoinTask<T>> forked = new ArrayList<>(parts - 1);
        for (int p = 1; p < parts; p++) {
            int from = (int) ((long) count * p / parts);
            int to = (int) ((long) count * (p + 1) / parts);
            forked.add(pool.submit(() -> work.scan(from, to)));
        }
        List<T> out = new ArrayList<>(parts);
        out.add(work.scan(0, (int) ((long) count / parts)));
        for (ForkJoinTask<T> task : forked) {
            out.add(task.join());
        }
        return out;
    }

    private float squaredDistance(int slot, float[] query) {
        return Descriptors.squaredDistance(vectors[slot >>> CHUNK_SHIFT], (slot & MASK) * DIM, query);
    }

    private float ownerSquaredDistance(int handle, float[] query) {
        float best = Float.POSITIVE_INFINITY;
        for (int slot : ownerSlots.get(handle)) {
            best = Math.min(best, squaredDistance(slot, query));
        }
        return best;
    }

    private void ensureCapacity(int needed) {
        int chunks = (needed + MASK) >>> CHUNK_SHIFT;
        if (chunks > vectors.length) {
            vectors = Arrays.copyOf(vectors, chunks);
            vectors[chunks - 1] = new float[CHUNK * DIM];
            if (sketch != null) {
                codes = Arrays.copyOf(codes, chunks);
                codes[chunks - 1] = new long[CHUNK * WORDS];
            }
        }
        if (needed > templateIds.length) {
            int capacity = templateIds.length * 2;
            templateIds = Arrays.copyOf(templateIds, capacity);
            owners = Arrays.copyOf(owners, capacity);
            if (sketch != null) {
                norms = Arrays.copyOf(norms, capacity);
            }
        }
    }

    /** Sketches every template, around the mean of the gallery as it is now. */
    private void buildSketch() {
        double[] sum = new double[DIM];
        for (int slot = 0; slot < size; slot++) {
            float[] chunk = vectors[slot >>> CHUNK_SHIFT];
            int offset = (slot & MASK) * DIM;
            for (int d = 0; d < DIM; d++) {
                sum[d] += chunk[offset + d];
            }
        }
        float[] centre = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            centre[d] = (float) (sum[d] / size);
        }
        sketch = new DescriptorSketch(centre);
        codes = new long[vectors.length][];
        for (int c = 0; c < codes.length; c++) {
            codes[c] = new long[CHUNK * WORDS];
        }
        norms = new float[templateIds.length];
        maxNorm = 0;
        float[] descriptor = new float[DIM];
        for (int slot = 0; slot < size; slot++) {
            System.arraycopy(vectors[slot >>> CHUNK_SHIFT], (slot & MASK) * DIM, descriptor, 0, DIM);
            sketchSlot(slot, descriptor);
        }
    }

    private void sketchSlot(int slot, float[] descriptor) {
        float norm = sketch.encode(descriptor, codes[slot >>> CHUNK_SHIFT], (slot & MASK) * WORDS);
        norms[slot] = norm;
        // Only scales the estimates' histogram, so it may stay high after the farthest template goes.
        maxNorm = Math.max(maxNorm, norm);
    }

    private void dropSketch() {
        sketch = null;
        codes = null;
        norms = null;
        maxNorm = 0;
    }

    private void removeSlot(int slot) {
        int last = size - 1;
        int owner = owners[slot];
        List<Integer> own = ownerSlots.get(owner);
        own.remove(Integer.valueOf(slot));
        if (own.isEmpty()) {
            ownerHandles.remove(ownerIds.get(owner));
            ownerIds.set(owner, null);
            freeHandles.push(owner);
        }
        if (slot != last) {
            System.arraycopy(
                    vectors[last >>> CHUNK_SHIFT],
                    (last & MASK) * DIM,
                    vectors[slot >>> CHUNK_SHIFT],
                    (slot & MASK) * DIM,
                    DIM);
            if (sketch != null) {
                System.arraycopy(
                        codes[last >>> CHUNK_SHIFT],
                        (last & MASK) * WORDS,
                        codes[slot >>> CHUNK_SHIFT],
                        (slot & MASK) * WORDS,
                        WORDS);
                norms[slot] = norms[last];
            }
            templateIds[slot] = templateIds[last];
            owners[slot] = owners[last];
            slotOfTemplate.put(templateIds[slot], slot);
            List<Integer> moved = ownerSlots.get(owners[slot]);
            moved.set(moved.indexOf(last), slot);
        }
        size--;
        if (sketch != null && size < INDEX_THRESHOLD / 2) {
            dropSketch();
        }
    }

    private int handleOf(String customerId) {
        Integer known = ownerHandles.get(customerId);
        if (known != null) {
            return known;
        }
        int handle;
        if (freeHandles.isEmpty()) {
            handle = ownerIds.size();
            ownerIds.add(customerId);
            ownerSlots.add(new ArrayList<>(4));
        } else {
            handle = freeHandles.pop();
            ownerIds.set(handle, customerId);
        }
        ownerHandles.put(customerId, handle);
        return handle;
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
}
