package io.storesight.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The whole StoreSight stack as real processes: the local Kafka broker ({@code LocalKafkaMain}, a process so that it
 * can be restarted mid-stream) and the five services from their packaged {@code target/quarkus-app}, each on free
 * ports with a fresh data directory, logging to {@code target/e2e-logs/<name>.log}. Everything it starts is killed
 * by {@link #close()} and, should the test JVM die first, by a shutdown hook.
 */
final class Stack implements AutoCloseable {
    static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
    static final String ADMIN_USER = "e2e-admin";
    static final String STAFF_USER = "e2e-staff";
    static final String INTEGRATOR_USER = "e2e-integrator";

    private final Path root;
    private final Path logs;
    private final Path dataDir;
    private final String adminPassword = "e2e-" + UUID.randomUUID();
    private final String staffPassword = "e2e-staff-" + UUID.randomUUID();
    private final String integratorPassword = "e2e-integrator-" + UUID.randomUUID();
    private final String sessionKey = "e2e-session-" + UUID.randomUUID();
    private final int kafkaPort = freePort();
    private final int controllerPort = freePort();
    private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    private final Map<Service, ManagedProcess> services = new EnumMap<>(Service.class);
    private final List<Instance> instances = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<Service, Map<String, String>> extraEnv;
    private final ManagedProcess broker;
    private final Thread shutdownHook = new Thread(this::killAll, "e2e-stack-shutdown");
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param extraEnv per-service settings of the scenario (absence threshold, attribution window...), on top of
     *                 what every service gets: broker, data dir, the accounts and session key, port, models
     */
    Stack(Map<Service, Map<String, String>> extraEnv) {
        this("", extraEnv);
    }

    /** A stack whose logs go to their own folder {@code logFolder} under target/e2e-logs (empty: that folder). */
    Stack(String logFolder, Map<Service, Map<String, String>> extraEnv) {
        this.root =
                Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
        this.logs = Path.of(System.getProperty("e2e.logs", "target/e2e-logs"))
                .resolve(logFolder)
                .toAbsolutePath();
        this.extraEnv = extraEnv;
        try {
            Files.createDirectories(logs);
            this.dataDir = Files.createTempDirectory("storesight-e2e-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Service service : Service.values()) {
            ports.put(service, freePort());
        }
        this.broker = new ManagedProcess("kafka", brokerCommand(), Map.of(), dataDir, logs.resolve("kafka.log"));
        for (Service service : Service.values()) {
            services.put(
                    service,
                    new ManagedProcess(
                            service.module,
                            serviceCommand(service),
                            serviceEnv(service),
                            dataDir,
                            logs.resolve(service.module + ".log")));
        }
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Fails early, with what to run, when a service has not been packaged. */
    void checkPackaged() {
        List<String> missing = new ArrayList<>();
        for (Service service : Service.values()) {
            if (!Files.isRegularFile(jar(service))) {
                missing.add(jar(service).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("not packaged: " + missing + " — run ./mvnw -DskipTests install first");
        }
        if (!Files.isDirectory(root.resolve("models/samples"))) {
            throw new IllegalStateException("no models/samples under " + root + " — run models/fetch first");
        }
    }

    /**
     * Copies every service's {@code target/quarkus-app} into this run's directory and runs it from there: a
     * colleague rebuilding a service mid-run would otherwise delete jars under a running (or restarting) process.
     */
    void snapshotApps() {
        for (Service service : Service.values()) {
            Path source = root.resolve(service.module).resolve("target/quarkus-app");
            // A colleague's build may be rewriting the directory right now: copy until two listings agree.
            for (int attempt = 1; ; attempt++) {
                List<String> before = listing(source);
                copyTree(source, app(service));
                if (before.equals(listing(source)) && listing(app(service)).equals(before)) {
                    break;
                }
                if (attempt == 5) {
                    throw new IllegalStateException(source + " keeps changing (being rebuilt?)");
                }
                deleteTree(app(service));
                ManagedProcess.sleep(Duration.ofSeconds(20));
            }
        }
    }

    /** Relative path and size of every file: what a rebuild changes. */
    private static List<String> listing(Path dir) {
        try (var paths = Files.walk(dir)) {
            List<String> files = new ArrayList<>();
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (Files.isRegularFile(path)) {
                    files.add(dir.relativize(path) + " " + Files.size(path));
                }
            }
            java.util.Collections.sort(files);
            return files;
        } catch (IOException | UncheckedIOException e) {
            return List.of("unreadable: " + e.getMessage());
        }
    }

    private static void copyTree(Path source, Path target) {
        try (var paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // Part of the tree vanished under us (a rebuild): the listings will differ and the copy is retried.
        }
    }

    private Path app(Service service) {
        return dataDir.resolve("apps").resolve(service.module);
    }

    Path root() {
        return root;
    }

    Path dataDir() {
        return dataDir;
    }

    Path logs() {
        return logs;
    }

    /** Where the test's camera videos go: camera-ingest's media root, the only folder file cameras may read. */
    Path media() {
        return dataDir.resolve("media");
    }

    String adminPassword() {
        return adminPassword;
    }

    String staffPassword() {
        return staffPassword;
    }

    String integratorPassword() {
        return integratorPassword;
    }

    String bootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    String url(Service service) {
        return "http://localhost:" + ports.get(service);
    }

    ManagedProcess process(Service service) {
        return services.get(service);
    }

    ManagedProcess broker() {
        return broker;
    }

    /** Starts the broker, then every service at once (they wait for nothing but the broker), then waits for all. */
    void start() {
        startOnly(Service.values());
    }

    /** As {@link #start()}, with only {@code only} of the services (a test that needs no inference, say). */
    void startOnly(Service... only) {
        checkPackaged();
        snapshotApps();
        startBroker();
        for (Service service : only) {
            services.get(service).start();
        }
        for (Service service : only) {
            awaitReady(service);
        }
    }

    void startBroker() {
        broker.start();
        broker.await(
                "ready",
                Duration.ofSeconds(90),
                () -> broker.logContains("ready on localhost:" + kafkaPort) && portOpen(kafkaPort));
    }

    /** Stops the broker as an operator would (SIGTERM) and starts it again on the same data and ports. */
    void restartBroker(Duration downtime, Runnable whileDown) {
        broker.stop(Duration.ofSeconds(30));
        whileDown.run();
        ManagedProcess.sleep(downtime);
        startBroker();
    }

    void start(Service service) {
        services.get(service).start();
    }

    /** SIGKILL: no graceful shutdown, no final commit. */
    void kill(Service service) {
        services.get(service).kill();
    }

    /** One more process of a service, beside the stack's own: its name, the process, its base URL. */
    record Instance(String name, ManagedProcess process, String url) {}

    /**
     * Another process of {@code service} (a second face-inference, say) with its own port and log
     * ({@code <name>.log}), the service's environment plus {@code env}; not started; stopped with the stack.
     */
    Instance addInstance(Service service, String name, Map<String, String> env) {
        int port = freePort();
        Map<String, String> environment = new HashMap<>(serviceEnv(service));
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        environment.putAll(env);
        Instance instance = new Instance(
                name,
                new ManagedProcess(name, serviceCommand(service), environment, dataDir, logs.resolve(name + ".log")),
                "http://localhost:" + port);
        instances.add(instance);
        return instance;
    }

    void awaitReady(Service service) {
        awaitReady(services.get(service), url(service));
    }

    void awaitReady(Instance instance) {
        awaitReady(instance.process(), instance.url());
    }

    private void awaitReady(ManagedProcess process, String url) {
        String health = url + "/q/health/ready";
        String[] last = {"no answer yet"};
        try {
            process.await("ready (" + health + ")", READY_TIMEOUT, () -> {
                HttpResult result = get(health);
                last[0] = result.status() + " " + result.body();
                return result.status() == 200;
            });
        } catch (AssertionError e) {
            // The readiness answer names the check that is down (models, broker, database): say it first.
            throw new AssertionError(e.getMessage() + "\nlast readiness answer: " + last[0], e);
        }
    }

    /** Resident memory of each running process, MiB. */
    Map<String, Long> rssMiB() {
        Map<String, Long> rss = new LinkedHashMap<>();
        rss.put("kafka", broker.rssMiB());
        services.forEach((service, process) -> rss.put(service.module, process.rssMiB()));
        instances.forEach(
                instance -> rss.put(instance.name(), instance.process().rssMiB()));
        return rss;
    }

    /** The last lines of every log: what a failed run prints so that the cause is in the test report. */
    String logTails(int lines) {
        StringBuilder out = new StringBuilder();
        List<ManagedProcess> all = new ArrayList<>();
        all.add(broker);
        all.addAll(services.values());
        instances.forEach(instance -> all.add(instance.process()));
        for (ManagedProcess process : all) {
            out.append("\n----- ")
                    .append(process.name())
                    .append(" (")
                    .append(process.log())
                    .append(", ")
                    .append(process.isAlive() ? "running" : "not running")
                    .append(") -----\n")
                    .append(process.tail(lines))
                    .append('\n');
        }
        return out.toString();
    }

    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs anyway.
        }
        if (Boolean.getBoolean("e2e.keepData")) {
            System.out.println("e2e: data of this run kept in " + dataDir);
            return;
        }
        deleteTree(dataDir);
    }

    /** Services first (their clients would otherwise wait on the broker), then the broker. */
    private void killAll() {
        services.values().parallelStream().forEach(process -> process.stop(Duration.ofSeconds(10)));
        instances.parallelStream().forEach(instance -> instance.process().stop(Duration.ofSeconds(10)));
        broker.stop(Duration.ofSeconds(15));
    }

    private List<String> brokerCommand() {
        String classpath = System.getProperty("e2e.broker.classpath");
        if (classpath == null || classpath.isBlank()) {
            classpath = System.getProperty("java.class.path");
        }
        return List.of(
                javaBin(),
                "-Xmx384m",
                "-cp",
                classpath,
                "io.storesight.kafka.LocalKafkaMain",
                "--port",
                Integer.toString(kafkaPort),
                "--controller-port",
                Integer.toString(controllerPort),
                "--data-dir",
                dataDir.resolve("kafka").toString());
    }

    private List<String> serviceCommand(Service service) {
        return List.of(
                javaBin(),
                "-Xmx" + service.heap,
                "-XX:+UseSerialGC",
                "-Dai.djl.offline=true",
                "-jar",
                app(service).resolve("quarkus-run.jar").toString());
    }

    private Map<String, String> serviceEnv(Service service) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        env.put("STORESIGHT_DATA_DIR", dataDir.resolve(service.module).toString());
        env.putAll(credentials(adminPassword, sessionKey));
        env.put("STORESIGHT_STAFF_USER", STAFF_USER);
        env.put("STORESIGHT_STAFF_PASSWORD", staffPassword);
        env.put("STORESIGHT_INTEGRATOR_USER", INTEGRATOR_USER);
        env.put("STORESIGHT_INTEGRATOR_PASSWORD", integratorPassword);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(ports.get(service)));
        env.put("STORESIGHT_MODELS_DIR", root.resolve("models").toString());
        env.put("STORESIGHT_DEMO_ENABLED", "false");
        env.put("STORESIGHT_IDENTITY_FACE_INFERENCE_URL", url(Service.FACE_INFERENCE));
        // The console's links and the alert stream's CORS origins: each service's page as the browser sees it.
        env.put("STORESIGHT_CONSOLE_CAMERA_URL", url(Service.CAMERA_INGEST));
        env.put("STORESIGHT_CONSOLE_INFERENCE_URL", url(Service.FACE_INFERENCE));
        env.put("STORESIGHT_CONSOLE_IDENTITY_URL", url(Service.IDENTITY));
        env.put("STORESIGHT_CONSOLE_SALES_URL", url(Service.SALES));
        env.put("STORESIGHT_CONSOLE_ANALYTICS_URL", url(Service.ANALYTICS));
        if (service == Service.CAMERA_INGEST) {
            env.put("STORESIGHT_INGEST_MEDIA_ROOTS", media().toString());
        }
        env.putAll(extraEnv.getOrDefault(service, Map.of()));
        try {
            Files.createDirectories(dataDir.resolve(service.module));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return env;
    }

    /** What every service needs to start: the admin account and the session key. */
    static Map<String, String> credentials(String adminPassword, String sessionKey) {
        return Map.of(
                "STORESIGHT_ADMIN_USER",
                ADMIN_USER,
                "STORESIGHT_ADMIN_PASSWORD",
                adminPassword,
                "STORESIGHT_SESSION_KEY",
                sessionKey);
    }

    Path jar(Service service) {
        return root.resolve(service.module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    record HttpResult(int status, String body) {}

    HttpResult get(String url) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(3))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new HttpResult(response.statusCode(), response.body());
        } catch (IOException e) {
            return new HttpResult(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HttpResult(-1, "interrupted");
        }
    }

    private static boolean portOpen(int port) {
        try (Socket socket = new Socket("localhost", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * A free port below the kernel's ephemeral range (32768+ on Linux): a port picked by binding to 0 is ephemeral, and
     * in the minute before the service binds it, an outgoing connection (Kafka clients open many) may take it.
     */
    static int freePort() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(20_000, 32_000);
            if (USED_PORTS.contains(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port)) {
                USED_PORTS.add(port);
                return port;
            } catch (IOException e) {
                // Taken: try another.
            }
        }
        throw new IllegalStateException("no free port found in 20000-32000");
    }

    private static final java.util.Set<Integer> USED_PORTS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temp directory is harmless.
        }
    }

    @Override
    public String toString() {
        return "stack "
                + ports.entrySet().stream()
                        .map(e -> e.getKey().module + "=" + e.getValue())
                        .collect(Collectors.joining(", "))
                + ", kafka=" + kafkaPort;
    }
}
