package io.minicrm.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A raw HTTP/1.1 client that sends exactly what it is told, when it is told: a request head, then body bytes
 * as slowly as the test likes (or never). What attackers and broken clients do.
 */
final class SlowClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;

    SlowClient(int port, String method, String path, long contentLength, String contentType, String... headers)
            throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(15_000);
        out = socket.getOutputStream();
        StringBuilder sb = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: " + contentType + "\r\nContent-Length: " + contentLength + "\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        out.write(sb.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Sends some of the body; false when the server has closed the connection. */
    boolean send(String bytes) {
        try {
            out.write(bytes.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The status of the answer, or -1 when the server closed without one (waits up to 15 s). */
    int status() throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        int c;
        try {
            while ((c = in.read()) >= 0 && c != '\n') {
                line.append((char) c);
            }
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            return -1;
        }
        return line.length() < 12 ? -1 : Integer.parseInt(line.substring(9, 12));
    }

    /** Whether the server has closed the connection by now (reads what is left; waits up to 15 s). */
    boolean closedByServer() {
        try {
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // an answer may come first
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed already
        }
    }
}
