package io.storesight.camera;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/** An IP camera stand-in: serves an endless multipart/x-mixed-replace MJPEG stream, like most IP cameras do. */
final class MjpegServer implements AutoCloseable {
    private final List<byte[]> frames;
    private final int fps;
    private HttpServer server;
    private ExecutorService executor;
    private volatile boolean running;

    MjpegServer(List<byte[]> frames, int fps) {
        this.frames = frames;
        this.fps = fps;
    }

    /** Starts (or restarts) on a port; 0 picks a free one. */
    synchronized int start(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        running = true;
        server.createContext("/video.mjpg", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "multipart/x-mixed-replace; boundary=frame");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; running; i++) {
                    byte[] jpeg = frames.get(i % frames.size());
                    out.write(("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(jpeg);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(1000 / fps);
                }
            } catch (IOException | InterruptedException e) {
                // The client went away or the server stops.
            }
        });
        server.start();
        return server.getAddress().getPort();
    }

    /** Stops serving: open streams end, new connections are refused. */
    synchronized void stop() {
        running = false;
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
