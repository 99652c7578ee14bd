package io.storesight.camera;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IP camera stand-in that speaks RTSP: a small relay on loopback. ffmpeg cannot serve RTSP to a player (its
 * {@code -rtsp_flags listen} only receives a stream), so a test ffmpeg publishes a clip to this relay
 * (ANNOUNCE/RECORD, RTP interleaved over TCP) and camera-ingest's ffmpeg plays it as from a camera
 * (DESCRIBE/SETUP/PLAY). RTP packetisation and depacketisation stay ffmpeg's own; the relay forwards the packets.
 */
public final class RtspRelay implements AutoCloseable {
    private static final Pattern INTERLEAVED = Pattern.compile("interleaved=(\\d+)-(\\d+)");
    private static final Pattern TRACK = Pattern.compile("streamid=(\\d+)");

    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private volatile String sdp;
    private volatile Map<Integer, Integer> publisherChannelTrack = Map.of();
    private ServerSocket server;

    private record Subscriber(OutputStream out, Map<Integer, Integer> trackChannel) {}

    /** Listens on {@code port} (0: any free one) and returns it. */
    public synchronized int start(int port) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        Thread acceptor = new Thread(this::accept, "rtsp-relay-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return server.getLocalPort();
    }

    /** Like a camera switched off: the port closes and every connection drops; {@link #start} brings it back. */
    public synchronized void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        for (Socket socket : connections) {
            socket.close();
        }
        connections.clear();
        subscribers.clear();
        sdp = null;
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private void accept() {
        ServerSocket listening = server;
        while (!listening.isClosed()) {
            try {
                Socket socket = listening.accept();
                connections.add(socket);
                Thread session = new Thread(() -> serve(socket), "rtsp-relay-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        Map<Integer, Integer> channels = new LinkedHashMap<>();
        boolean publishing = false;
        Subscriber subscriber = null;
        try (socket;
                DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
                OutputStream out = socket.getOutputStream()) {
            while (true) {
                int first = in.read();
                if (first < 0) {
                    return;
                }
                if (first == '$') {
                    int channel = in.readUnsignedByte();
                    byte[] packet = new byte[in.readUnsignedShort()];
                    in.readFully(packet);
                    if (publishing) {
                        forward(channel, packet);
                    }
                    continue;
                }
                Map<String, String> headers = new LinkedHashMap<>();
                String requestLine = (char) first + line(in);
                for (String header = line(in); !header.isEmpty(); header = line(in)) {
                    int colon = header.indexOf(':');
                    headers.put(
                            header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            header.substring(colon + 1).trim());
                }
                byte[] body = new byte[Integer.parseInt(headers.getOrDefault("content-length", "0"))];
                in.readFully(body);
                String[] request = requestLine.split(" ");
                String method = request[0];
                String url = request.length > 1 ? request[1] : "";
                String cseq = headers.getOrDefault("cseq", "0");
                String transport = headers.getOrDefault("transport", "");
                switch (method) {
                    case "ANNOUNCE" -> {
                        sdp = new String(body, StandardCharsets.UTF_8);
                        reply(out, cseq, "200 OK", "", "");
                    }
                    case "DESCRIBE" -> {
                        String description = sdp;
                        if (description == null) {
                            reply(out, cseq, "404 Not Found", "", "");
                        } else {
                            reply(
                                    out,
                                    cseq,
                                    "200 OK",
                                    "Content-Base: " + url + "/\r\nContent-Type: application/sdp\r\n",
                                    description);
                        }
                    }
                    case "SETUP" -> {
                        Matcher interleaved = INTERLEAVED.matcher(transport);
                        Matcher track = TRACK.matcher(url);
                        if (!interleaved.find()) {
                            reply(out, cseq, "461 Unsupported Transport", "", "");
                            continue;
                        }
                        int rtp = Integer.parseInt(interleaved.group(1));
                        int trackIndex = track.find() ? Integer.parseInt(track.group(1)) : 0;
                        channels.put(rtp, trackIndex);
                        channels.put(rtp + 1, trackIndex + 1000);
                        reply(out, cseq, "200 OK", "Transport: " + transport + "\r\nSession: 1\r\n", "");
                    }
                    case "RECORD" -> {
                        publishing = true;
                        publisherChannelTrack = Map.copyOf(channels);
                        reply(out, cseq, "200 OK", "Session: 1\r\n", "");
                    }
                    case "PLAY" -> {
                        Map<Integer, Integer> trackChannel = new LinkedHashMap<>();
                        channels.forEach((channel, track) -> trackChannel.put(track, channel));
                        subscriber = new Subscriber(out, trackChannel);
                        synchronized (out) {
                            reply(out, cseq, "200 OK", "Session: 1\r\nRange: npt=0.000-\r\n", "");
                        }
                        subscribers.add(subscriber);
                    }
                    case "TEARDOWN" -> {
                        reply(out, cseq, "200 OK", "Session: 1\r\n", "");
                        return;
                    }
                    default ->
                        reply(
                                out,
                                cseq,
                                "200 OK",
                                "Public: OPTIONS, DESCRIBE, ANNOUNCE, SETUP, PLAY, RECORD, TEARDOWN, GET_PARAMETER\r\n",
                                "");
                }
            }
        } catch (IOException e) {
            // The peer went away, or the relay stops.
        } finally {
            if (subscriber != null) {
                subscribers.remove(subscriber);
            }
            connections.remove(socket);
        }
    }

    /** A publisher's packet to every player, on the channel each chose for that track. */
    private void forward(int channel, byte[] packet) {
        Integer track = publisherChannelTrack.get(channel);
        if (track == null) {
            return;
        }
        for (Subscriber subscriber : subscribers) {
            Integer target = subscriber.trackChannel().get(track);
            if (target == null) {
                continue;
            }
            try {
                synchronized (subscriber.out()) {
                    subscriber.out().write(new byte[] {
                        '$', target.byteValue(), (byte) (packet.length >> 8), (byte) packet.length
                    });
                    subscriber.out().write(packet);
                    subscriber.out().flush();
                }
            } catch (IOException e) {
                subscribers.remove(subscriber);
            }
        }
    }

    private static void reply(OutputStream out, String cseq, String status, String headers, String body)
            throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "RTSP/1.0 " + status + "\r\nCSeq: " + cseq + "\r\n" + headers
                + (content.length > 0 ? "Content-Length: " + content.length + "\r\n" : "") + "\r\n";
        synchronized (out) {
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.flush();
        }
    }

    private static String line(DataInputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException();
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
