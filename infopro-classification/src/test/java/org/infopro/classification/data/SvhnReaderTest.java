package org.infopro.classification.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.infopro.core.data.RawImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SvhnReaderTest {

    @TempDir Path dir;

    /** Two images; image 1 has 200 at (row 1, column 2) of channel 0; labels 10 ("0") and 3. */
    private static byte[] images() {
        byte[] x = new byte[32 * 32 * 3 * 2];
        x[1 + 32 * 2 + 1024 * 0 + 3072 * 1] = (byte) 200;
        return x;
    }

    @Test
    void readsCompressedAndPlainVariablesInMatlabOrder() throws IOException {
        Path file = dir.resolve("test_32x32.mat");
        Files.write(
                file,
                matFile(
                        matrix("X", new int[] {32, 32, 3, 2}, images(), null, true),
                        matrix("y", new int[] {2, 1}, null, new double[] {10, 3}, false)));
        RawImages svhn = SvhnReader.read(file);
        assertEquals(2, svhn.size());
        assertArrayEquals(new int[] {0, 3}, svhn.labels());
        assertEquals(200, svhn.pixels()[(1 * 3 + 0) * 1024 + 1 * 32 + 2] & 0xFF);
        assertEquals(1, countNonZero(svhn.pixels()));
    }

    @Test
    void badFilesNameTheFileAndTheProblem() throws IOException {
        Path noLabels = dir.resolve("a.mat");
        Files.write(noLabels, matFile(matrix("X", new int[] {32, 32, 3, 2}, images(), null, true)));
        assertError(noLabels, "needs variables X and y");

        Path badLabel = dir.resolve("b.mat");
        Files.write(
                badLabel,
                matFile(
                        matrix("X", new int[] {32, 32, 3, 2}, images(), null, false),
                        matrix("y", new int[] {2, 1}, null, new double[] {11, 3}, false)));
        assertError(badLabel, "label 11.0 of image 0 not in 1-10");

        Path notMat = dir.resolve("c.mat");
        Files.writeString(notMat, "HDF5 or anything else");
        assertError(notMat, "not a MATLAB 5.0 MAT-file");

        Path truncated = dir.resolve("d.mat");
        byte[] whole =
                matFile(
                        matrix("X", new int[] {32, 32, 3, 2}, images(), null, true),
                        matrix("y", new int[] {2, 1}, null, new double[] {1, 3}, true));
        Files.write(truncated, Arrays.copyOf(whole, whole.length - 10));
        assertError(truncated, "malformed MAT-file");
    }

    private static void assertError(Path file, String message) {
        IOException e = assertThrows(IOException.class, () -> SvhnReader.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    private static int countNonZero(byte[] values) {
        int n = 0;
        for (byte v : values) {
            n += v != 0 ? 1 : 0;
        }
        return n;
    }

    // A MATLAB 5.0 writer, little-endian, as MATLAB writes `save -v7` files.

    private static byte[] matFile(byte[]... elements) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[128];
        Arrays.fill(header, 0, 116, (byte) ' ');
        byte[] text = "MATLAB 5.0 MAT-file, written by a test".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, header, 0, text.length);
        header[124] = 0x00;
        header[125] = 0x01;
        header[126] = 'I';
        header[127] = 'M';
        out.write(header);
        for (byte[] e : elements) {
            out.write(e);
        }
        return out.toByteArray();
    }

    private static byte[] matrix(
            String name, int[] dims, byte[] uint8, double[] doubles, boolean compress) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        boolean bytes = uint8 != null;
        content.writeBytes(sub(6, le(8).putInt(bytes ? 9 : 6).putInt(0).array()));
        ByteBuffer d = le(4 * dims.length);
        for (int v : dims) {
            d.putInt(v);
        }
        content.writeBytes(sub(5, d.array()));
        content.writeBytes(sub(1, name.getBytes(StandardCharsets.US_ASCII)));
        if (bytes) {
            content.writeBytes(sub(2, uint8));
        } else {
            ByteBuffer values = le(8 * doubles.length);
            for (double v : doubles) {
                values.putDouble(v);
            }
            content.writeBytes(sub(9, values.array()));
        }
        byte[] body = content.toByteArray();
        byte[] element = concat(le(8).putInt(14).putInt(body.length).array(), body);
        if (!compress) {
            return element;
        }
        Deflater deflater = new Deflater();
        deflater.setInput(element);
        deflater.finish();
        byte[] buffer = new byte[element.length + 64];
        int n = deflater.deflate(buffer);
        return concat(le(8).putInt(15).putInt(n).array(), Arrays.copyOf(buffer, n));
    }

    /** A sub-element: tag, data, zero padding to 8 bytes. */
    private static byte[] sub(int type, byte[] data) {
        int padded = (data.length + 7) / 8 * 8;
        return concat(le(8).putInt(type).putInt(data.length).array(), Arrays.copyOf(data, padded));
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
