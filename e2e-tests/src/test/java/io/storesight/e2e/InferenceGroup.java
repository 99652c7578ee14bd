package io.storesight.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

import io.storesight.contracts.Topics;

/**
 * The face-inference consumer group seen from outside, as an operator sees it with
 * {@code kafka-consumer-groups --describe}: which process holds which {@code frames} partitions (each worker's
 * client id names its host and pid), and how many frames each process has observed (its Prometheus counter).
 */
final class InferenceGroup implements AutoCloseable {
    static final String GROUP = "face-inference";
    /** face-inference-&lt;host&gt;-&lt;pid&gt;-frame-worker-&lt;n&gt; */
    private static final Pattern WORKER = Pattern.compile("-(\\d+)-frame-worker-\\d+$");

    private static final Pattern OBSERVED = Pattern.compile(
            "^storesight_face_frames_total\\{[^}]*outcome=\"observed\"[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE);

    private final Admin admin;
    private final Stack stack;

    InferenceGroup(Stack stack) {
        this.stack = stack;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
    }

    /** The group's state and, per process id, the partitions of {@code frames} its workers hold now. */
    record Assignment(GroupState state, Map<Long, Set<Integer>> partitionsByPid) {

        Set<Integer> all() {
            Set<Integer> all = new TreeSet<>();
            partitionsByPid.values().forEach(all::addAll);
            return all;
        }
    }

    Assignment assignment() {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP))
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .get(GROUP);
            Map<Long, Set<Integer>> byPid = new HashMap<>();
            for (MemberDescription member : group.members()) {
                Matcher m = WORKER.matcher(member.clientId());
                if (!m.find()) {
                    throw new AssertionError("unexpected client id in the group: " + member.clientId());
                }
                Set<Integer> partitions = byPid.computeIfAbsent(Long.parseLong(m.group(1)), pid -> new TreeSet<>());
                for (TopicPartition tp : member.assignment().topicPartitions()) {
                    if (tp.topic().equals(Topics.FRAMES)) {
                        partitions.add(tp.partition());
                    }
                }
            }
            return new Assignment(group.groupState(), byPid);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe the consumer group " + GROUP, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the group is stable and its assignment satisfies {@code condition}; returns that assignment. */
    Assignment await(String what, Duration timeout, Predicate<Assignment> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Assignment last = null;
        while (System.nanoTime() < deadline) {
            last = assignment();
            if (last.state() == GroupState.STABLE && condition.test(last)) {
                return last;
            }
            ManagedProcess.sleep(Duration.ofMillis(250));
        }
        throw new AssertionError("the group never came to " + what + " within " + timeout + "; last: " + last);
    }

    /** Frames this process has analysed and published an observation for, since it started. */
    long observedFrames(Stack.Instance instance) {
        Stack.HttpResult metrics = stack.get(instance.url() + "/q/metrics");
        if (metrics.status() != 200) {
            throw new AssertionError(instance.name() + " metrics: " + metrics.status() + " " + metrics.body());
        }
        Matcher m = OBSERVED.matcher(metrics.body());
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
