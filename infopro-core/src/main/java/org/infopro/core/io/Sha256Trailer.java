package org.infopro.core.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Files that end with the SHA-256 of everything before it, so that a load can tell an intact file
 * from a truncated or altered one before parsing any of it.
 */
public final class Sha256Trailer {

    /** Bytes of the trailer. */
    public static final int BYTES = 32;

    /** Writes the content of a file. */
    @FunctionalInterface
    public interface Body {
        void writeTo(DataOutputStream out) throws IOException;
    }

    private Sha256Trailer() {}

    /**
     * Writes {@code body} and its digest atomically ({@link AtomicFiles#write(Path, Path,
     * AtomicFiles.Content)}), keeping the replaced file as {@code previous} when that is not null.
     */
    public static void write(Path file, Path previous, Body body) throws IOException {
        AtomicFiles.write(
                file,
                previous,
                raw -> {
                    MessageDigest digest = sha256();
                    DataOutputStream out =
                            new DataOutputStream(
                                    new BufferedOutputStream(new DigestOutputStream(raw, digest)));
                    body.writeTo(out);
                    out.flush();
                    raw.write(digest.digest());
                });
    }

    /** Whether the file's last {@value #BYTES} bytes are the SHA-256 of the bytes before them. */
    public static boolean matches(Path file) throws IOException {
        long size = Files.size(file);
        if (size < BYTES) {
            return false;
        }
        MessageDigest digest = sha256();
        byte[] stored = new byte[BYTES];
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            byte[] buffer = new byte[1 << 16];
            long left = size - BYTES;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new EOFException();
                }
                digest.update(buffer, 0, n);
                left -= n;
            }
            new DataInputStream(in).readFully(stored);
        }
        return MessageDigest.isEqual(stored, digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
