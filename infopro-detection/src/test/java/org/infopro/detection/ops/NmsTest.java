package org.infopro.detection.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NmsTest {

    @Test
    void matchesGreedyLoopOnRandomClusters() {
        Random random = new Random(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int trial = 0; trial < 5; trial++) {
                int n = 2300; // more than two chunks
                float[] boxes = randomBoxes(random, n);
                float[] scores = new float[n];
                // Distinct scores: with ties the greedy order itself is ambiguous.
                List<Integer> ranks = new ArrayList<>(IntStream.range(0, n).boxed().toList());
                java.util.Collections.shuffle(ranks, random);
                for (int i = 0; i < n; i++) {
                    scores[i] = (ranks.get(i) + 0.5f) / n;
                }
                for (float threshold : new float[] {0.3f, 0.5f, 0.7f}) {
                    NDArray kept =
                            Nms.nms(
                                    manager.create(boxes, new Shape(n, 4)),
                                    manager.create(scores),
                                    threshold);
                    long[] expected = greedy(boxes, scores, threshold);
                    assertArrayEquals(expected, kept.toLongArray());
                    NDArray limited =
                            Nms.nms(
                                    manager.create(boxes, new Shape(n, 4)),
                                    manager.create(scores),
                                    threshold,
                                    7);
                    assertArrayEquals(java.util.Arrays.copyOf(expected, 7), limited.toLongArray());
                }
            }
        }
    }

    @Test
    void perImageMatchesTheLoopOnEachImageAndSkipsInvalidBoxes() {
        Random random = new Random(5);
        int images = 3;
        int n = 600; // three chunks
        float threshold = 0.5f;
        int limit = 40;
        float[] boxes = new float[images * n * 4];
        float[] scores = new float[images * n];
        boolean[] valid = new boolean[images * n];
        for (int b = 0; b < images; b++) {
            System.arraycopy(randomBoxes(random, n), 0, boxes, b * n * 4, n * 4);
            List<Integer> ranks = new ArrayList<>(IntStream.range(0, n).boxed().toList());
            java.util.Collections.shuffle(ranks, random);
            for (int i = 0; i < n; i++) {
                scores[b * n + i] = (ranks.get(i) + 0.5f) / n;
                valid[b * n + i] = random.nextInt(4) > 0;
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            List<NDArray> kept =
                    Nms.perImage(
                            manager.create(boxes, new Shape(images, n, 4)),
                            manager.create(scores, new Shape(images, n)),
                            manager.create(valid, new Shape(images, n)),
                            threshold,
                            limit);
            for (int b = 0; b < images; b++) {
                List<Integer> members = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (valid[b * n + i]) {
                        members.add(i);
                    }
                }
                float[] mineBoxes = new float[members.size() * 4];
                float[] mineScores = new float[members.size()];
                for (int j = 0; j < members.size(); j++) {
                    int i = members.get(j);
                    System.arraycopy(boxes, (b * n + i) * 4, mineBoxes, j * 4, 4);
                    mineScores[j] = scores[b * n + i];
                }
                long[] expected =
                        java.util.Arrays.stream(greedy(mineBoxes, mineScores, threshold))
                                .limit(limit)
                                .map(j -> members.get((int) j))
                                .toArray();
                assertArrayEquals(expected, kept.get(b).toLongArray(), "image " + b);
            }
        }
    }

    @Test
    void classesDoNotSuppressEachOther() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] boxes = {0, 0, 10, 10, 0, 0, 10, 10, 1, 1, 10, 10};
            NDArray kept =
                    Nms.batched(
                            manager.create(boxes, new Shape(3, 4)),
                            manager.create(new float[] {0.9f, 0.8f, 0.7f}),
                            manager.create(new long[] {0, 1, 0}),
                            0.5f,
                            10);
            assertArrayEquals(new long[] {0, 1}, kept.toLongArray());
        }
    }

    @Test
    void emptyInputKeepsNothing() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray kept =
                    Nms.nms(manager.zeros(new Shape(0, 4)), manager.zeros(new Shape(0)), .5f);
            assertArrayEquals(new long[0], kept.toLongArray());
        }
    }

    /**
     * Boxes with integer corners in a few clusters, so that suppression chains occur and every
     * overlap is computed exactly in float (as the tensor version computes it).
     */
    static float[] randomBoxes(Random random, int n) {
        float[] boxes = new float[4 * n];
        for (int i = 0; i < n; i++) {
            int cx = 20 + 30 * random.nextInt(8) + random.nextInt(6);
            int cy = 20 + 30 * random.nextInt(8) + random.nextInt(6);
            int w = 8 + random.nextInt(20);
            int h = 8 + random.nextInt(20);
            boxes[4 * i] = cx - w / 2;
            boxes[4 * i + 1] = cy - h / 2;
            boxes[4 * i + 2] = cx + (w + 1) / 2;
            boxes[4 * i + 3] = cy + (h + 1) / 2;
        }
        return boxes;
    }

    /** The textbook loop: take the best remaining box, drop everything overlapping it. */
    private static long[] greedy(float[] boxes, float[] scores, float threshold) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, scores.length).boxed().toList());
        order.sort(Comparator.comparingDouble(i -> -scores[i]));
        List<Integer> kept = new ArrayList<>();
        for (int i : order) {
            boolean suppressed = false;
            for (int j : kept) {
                suppressed |= iou(boxes, i, j) > threshold;
            }
            if (!suppressed) {
                kept.add(i);
            }
        }
        return kept.stream().mapToLong(Integer::longValue).toArray();
    }

    static float iou(float[] b, int i, int j) {
        float w = Math.min(b[4 * i + 2], b[4 * j + 2]) - Math.max(b[4 * i], b[4 * j]);
        float h = Math.min(b[4 * i + 3], b[4 * j + 3]) - Math.max(b[4 * i + 1], b[4 * j + 1]);
        float shared = Math.max(0, w) * Math.max(0, h);
        float a = (b[4 * i + 2] - b[4 * i]) * (b[4 * i + 3] - b[4 * i + 1]);
        float c = (b[4 * j + 2] - b[4 * j]) * (b[4 * j + 3] - b[4 * j + 1]);
        return shared / (a + c - shared);
    }
}
