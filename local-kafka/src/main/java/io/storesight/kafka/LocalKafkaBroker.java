package io.storesight.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.utils.Time;

import io.storesight.contracts.Topics;
import io.storesight.contracts.Topics.TopicSpec;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A single-node Apache Kafka broker in KRaft mode (combined broker and controller) running inside this JVM, from the
 * Maven Central jars: what the tests and the local run use instead of Docker.
 */
public final class LocalKafkaBroker implements AutoCloseable {
    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path dataDir;

    private LocalKafkaBroker(KafkaRaftServer server, String bootstrapServers, Path dataDir) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
    }

    /**
     * Starts a broker whose log lives in {@code dataDir} (formatted on first use, reused afterwards so that a restart
     * keeps every topic and offset). A port of 0 picks a free one.
     */
    public static LocalKafkaBroker start(Path dataDir, int port, int controllerPort) {
        return start(dataDir, port, controllerPort, Map.of());
    }

    /** {@link #start(Path, int, int)} with broker settings of a test's own (e.g. a shorter retention check). */
    public static LocalKafkaBroker start(Path dataDir, int port, int controllerPort, Map<String, String> overrides) {
        try {
            int brokerPort = port == 0 ? freePort() : port;
            int quorumPort = controllerPort == 0 ? freePort() : controllerPort;
            Files.createDirectories(dataDir);
            Path logDir = dataDir.resolve("logs");
            Map<String, String> props = brokerProperties(brokerPort, quorumPort, logDir);
            props.putAll(overrides);
            Path propsFile = dataDir.resolve("server.properties");
            writeProperties(props, propsFile);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(propsFile);
            }
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            server.startup();
            return new LocalKafkaBroker(server, "localhost:" + brokerPort, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Kafka data directory " + dataDir, e);
        }
    }

    static Map<String, String> brokerProperties(int port, int controllerPort, Path logDir) {
        Map<String, String> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        props.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        // One node: every internal topic must be satisfied by a single replica.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "6");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "6");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("min.insync.replicas", "1");
        props.put("default.replication.factor", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", "1");
        props.put("auto.create.topics.enable", "false");
        // How soon records past their retention leave the disk: the same as compose's broker (contracts' Topics).
        props.putAll(Topics.BROKER);
        // A small store's broker: the cleaner's default 128 MiB dedupe buffer (for the compacted offsets topic only)
        // alone would outgrow its heap, and two network and I/O threads serve five services.
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 << 20));
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        return props;
    }

    private static void format(Path propsFile) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int rc = StorageTool.execute(
                new String[] {
                    "format", "-t", Uuid.randomUuid().toString(), "-c", propsFile.toString(), "--ignore-formatted"
                },
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException(
                    "formatting the Kafka log directory failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * Creates the topics that do not exist yet with their partitions and configs, and brings the configs of those
     * that exist to the spec (an install from an earlier version gets today's retention). Returns the topics whose
     * configs it changed.
     */
    public List<String> createTopics(List<TopicSpec> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            List<TopicSpec> present = new ArrayList<>();
            for (TopicSpec spec : topics) {
                if (existing.contains(spec.name())) {
                    present.add(spec);
                } else {
                    missing.add(new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs()));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            return alterConfigs(admin, present);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot create topics on " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    private static List<String> alterConfigs(Admin admin, List<TopicSpec> topics)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<ConfigResource, TopicSpec> resources = new LinkedHashMap<>();
        topics.forEach(spec -> resources.put(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()), spec));
        Map<ConfigResource, Config> current =
                admin.describeConfigs(resources.keySet()).all().get(30, TimeUnit.SECONDS);
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new LinkedHashMap<>();
        resources.forEach((resource, spec) -> {
            List<AlterConfigOp> ops = new ArrayList<>();
            spec.configs().forEach((key, value) -> {
                ConfigEntry entry = current.get(resource).get(key);
                if (entry == null || !value.equals(entry.value())) {
                    ops.add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET));
                }
            });
            if (!ops.isEmpty()) {
                changes.put(resource, ops);
            }
        });
        if (!changes.isEmpty()) {
            admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
        }
        return changes.keySet().stream().map(ConfigResource::name).toList();
    }

    /** Creates StoreSight's topics, {@link Topics#ALL}, or brings them to today's settings. */
    public LocalKafkaBroker withStoreSightTopics() {
        createTopics(Topics.ALL);
        return this;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    /** Deletes the data directory; for throw-away test brokers only. */
    public void deleteData() {
        try (var paths = Files.walk(dataDir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temp directory is harmless.
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void writeProperties(Map<String, String> props, Path file) throws IOException {
        Properties properties = new Properties();
        properties.putAll(props);
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, "written by StoreSight local-kafka");
        }
    }

    /** Time a client should allow for the broker to come up. */
    public static final Duration STARTUP = Duration.ofSeconds(30);
}
