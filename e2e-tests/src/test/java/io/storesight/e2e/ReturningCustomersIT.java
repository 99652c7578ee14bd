package io.storesight.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.restassured.path.json.JsonPath;
import io.storesight.contracts.FrameHeaders;
import io.storesight.contracts.Topics;
import io.storesight.e2e.ScenarioMedia.Placed;
import io.storesight.e2e.ScenarioMedia.Shot;
import io.storesight.testsupport.Calibration;
import io.storesight.testsupport.Calibration.Photo;
import io.storesight.testsupport.ReturningVisits;

/**
 * Returning customers as a store sees them, through the whole stack: the calibration set's people walk past an
 * entrance camera added at run time, each once in the morning on some of their photos and once in the afternoon on
 * their <em>other</em> photos (taken on other days), with gaps longer than the absence threshold; some passes bring
 * two people. Judged only through the public APIs: customers per person, returns recognised, and no customer who is
 * two people.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReturningCustomersIT {
    private static final String STORE = "store-returns";
    private static final String CAMERA = "e2e-returns";
    private static final int FPS = 4;
    private static final double LEAD = 2;
    private static final double PASS = 3;
    /** Longer than the 4 s absence threshold and the tracks' 3 s gap: every pass is a visit of its own. */
    private static final double GAP = 5.5;
    /** In a pass of two, the second person steps in this much later: their sightings start apart. */
    private static final double SECOND_STEPS_IN = 1.2;

    private static final int PHOTO_HEIGHT = 420;

    private Stack stack;
    private StoreApis api;

    /** Who stepped in when (seconds of the video). */
    private record Entry(String person, double at, boolean afternoon) {}

    private final List<Entry> entries = new ArrayList<>();

    @BeforeAll
    void startStack() {
        Map<Service, Map<String, String>> env = new EnumMap<>(Service.class);
        env.put(
                Service.IDENTITY,
                Map.of(
                        "STORESIGHT_IDENTITY_PRESENCE_ABSENCE_THRESHOLD",
                        "4s",
                        "QUARKUS_LOG_CATEGORY__IO_STORESIGHT_IDENTITY__LEVEL",
                        "DEBUG"));
        stack = new Stack("returning-customers", env);
        stack.checkPackaged();
        stack.start();
        api = new StoreApis(stack);
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void peopleComingBackOnOtherPhotosAreRecognisedAndNeverMerged() throws Exception {
        Path media = Files.createDirectories(stack.media());
        Path photos = Calibration.copyTo(media.resolve("calibration"));
        Map<String, List<Photo>> people = Calibration.byIdentity();
        Map<String, List<Photo>> morningLook = ReturningVisits.firstLooks();
        Map<String, List<Photo>> afternoonLook = ReturningVisits.returnLooks();

        List<Shot> shots = new ArrayList<>();
        shots.add(new Shot(ScenarioMedia.still(media, "empty", List.of()), LEAD));
        double t = LEAD;
        List<String> order = new ArrayList<>(people.keySet());
        for (List<String> group : ReturningVisits.passes(order, 3)) {
            t = pass(media, photos, shots, t, group, morningLook, false);
        }
        Collections.reverse(order);
        for (List<String> group : ReturningVisits.passes(order, 4)) {
            t = pass(media, photos, shots, t, group, afternoonLook, true);
        }
        Path video = ScenarioMedia.slideshow(media, "returns", shots);
        double seconds = t;

        Instant start;
        try (TopicTail frames = new TopicTail(stack.bootstrapServers(), List.of(Topics.FRAMES), false)) {
            api.addCamera(CAMERA, STORE, "entrance", video, FPS, false);
            start = Instant.ofEpochMilli(Long.parseLong(frames.first(
                            seen -> CAMERA.equals(seen.header(FrameHeaders.CAMERA_ID)),
                            Duration.ofSeconds(60),
                            "frame from " + CAMERA)
                    .header(FrameHeaders.CAPTURE_TIME)));
        }
        ManagedProcess.sleep(Duration.ofMillis(
                Math.max(0, start.plusMillis((long) (seconds * 1000)).toEpochMilli() - System.currentTimeMillis())));
        awaitSettled(Duration.ofMinutes(5));

        // Which people each customer holds: each of their sightings at the camera is one person's pass.
        Map<String, Set<String>> peopleOf = new TreeMap<>();
        Map<String, Map<Boolean, String>> customerOf = new TreeMap<>();
        for (Map<String, Object> c : api.customers().<Map<String, Object>>getList("items")) {
            String id = c.get("id").toString();
            JsonPath detail = api.customer(id);
            for (Map<String, Object> sighting : detail.<Map<String, Object>>getList("recentSightings")) {
                if (!CAMERA.equals(sighting.get("cameraId"))) {
                    continue;
                }
                double at = (Instant.parse(sighting.get("startedAt").toString()).toEpochMilli() - start.toEpochMilli())
                        / 1000.0;
                Entry who = whoSteppedIn(at);
                peopleOf.computeIfAbsent(id, k -> new HashSet<>()).add(who.person());
                customerOf
                        .computeIfAbsent(who.person(), k -> new LinkedHashMap<>())
                        .put(who.afternoon(), id);
            }
        }
        int recognised = 0;
        List<String> missed = new ArrayList<>();
        for (String person : people.keySet()) {
            Map<Boolean, String> visits = customerOf.getOrDefault(person, Map.of());
            if (visits.get(false) != null && visits.get(false).equals(visits.get(true))) {
                recognised++;
            } else {
                missed.add(person + " " + visits);
            }
        }
        JsonPath summary = api.summary(STORE);
        System.out.printf(
                "e2e returning customers: %d people, %d customers, %d of %d returns recognised, missed %s; "
                        + "store footfall %d visits (%d not identified)%n",
                people.size(),
                peopleOf.size(),
                recognised,
                people.size(),
                missed,
                summary.getInt("visits"),
                summary.getInt("anonymousVisits"));

        assertThat(peopleOf)
                .allSatisfy((customer, held) -> assertThat(held)
                        .as("people held by customer %s", customer)
                        .hasSize(1));
        assertThat(peopleOf.size()).as("customers for %d people", people.size()).isLessThanOrEqualTo((int)
                Math.floor(people.size() * 1.1));
        assertThat(recognised).as("returns recognised; missed: %s", missed).isGreaterThanOrEqualTo((int)
                Math.ceil(people.size() * 0.9));
        assertThat(summary.getInt("visits"))
                .as("footfall counts every pass, recognised or not (a pass seen as two " + "tracks may count twice)")
                .isBetween(entries.size(), (int) Math.ceil(entries.size() * 1.1));
    }

    /**
     * One pass from {@code t}: alone, a person shows two of their photos one after the other (a turn of the head);
     * in a pair, each shows one, the second stepping in a moment later. Then nobody for the gap. Returns the time
     * after it.
     */
    private double pass(
            Path media,
            Path photos,
            List<Shot> shots,
            double t,
            List<String> group,
            Map<String, List<Photo>> looks,
            boolean afternoon) {
        String name = "pass-" + entries.size();
        if (group.size() == 1) {
            String person = group.get(0);
            List<Photo> own = looks.get(person);
            entries.add(new Entry(person, t, afternoon));
            Photo first = own.get(0);
            Photo second = own.get(Math.min(1, own.size() - 1));
            shots.add(new Shot(ScenarioMedia.still(media, name + "a", List.of(placed(photos, first, 0.5))), PASS / 2));
            shots.add(new Shot(ScenarioMedia.still(media, name + "b", List.of(placed(photos, second, 0.5))), PASS / 2));
        } else {
            Placed left = placed(photos, looks.get(group.get(0)).get(0), 0.28);
            Placed right = placed(photos, looks.get(group.get(1)).get(0), 0.72);
            entries.add(new Entry(group.get(0), t, afternoon));
            entries.add(new Entry(group.get(1), t + SECOND_STEPS_IN, afternoon));
            shots.add(new Shot(ScenarioMedia.still(media, name + "a", List.of(left)), SECOND_STEPS_IN));
            shots.add(new Shot(ScenarioMedia.still(media, name + "b", List.of(left, right)), PASS - SECOND_STEPS_IN));
        }
        shots.add(new Shot(media.resolve("empty.png"), GAP));
        return t + PASS + GAP;
    }

    private static Placed placed(Path photos, Photo photo, double centreX) {
        return new Placed(photos.resolve(photo.file()), centreX, PHOTO_HEIGHT);
    }

    /** The person whose step into view came last before {@code at} (a sighting starts at its first frame). */
    private Entry whoSteppedIn(double at) {
        Entry who = null;
        for (Entry entry : entries) {
            if (entry.at() <= at + 0.3) {
                who = entry;
            }
        }
        assertThat(who).as("somebody in view at %.1f s", at).isNotNull();
        return who;
    }

    /** Until the camera's video is worked off: no visit open, and two reads 3 s apart equal. */
    private void awaitSettled(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String previous = null;
        while (System.nanoTime() < deadline) {
            String now = api.customers().prettify() + api.summary(STORE).prettify();
            if (api.openVisits() == 0 && now.equals(previous)) {
                return;
            }
            previous = now;
            ManagedProcess.sleep(Duration.ofSeconds(3));
        }
    }
}
