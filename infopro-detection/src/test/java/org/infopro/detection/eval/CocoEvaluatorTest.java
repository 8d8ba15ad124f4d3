package org.infopro.detection.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.infopro.detection.eval.CocoEvaluator.Detection;
import org.infopro.detection.eval.CocoEvaluator.GroundTruth;
import org.infopro.detection.eval.CocoEvaluator.IouType;
import org.junit.jupiter.api.Test;

class CocoEvaluatorTest {

    private static final double[] A = {10, 10, 40, 40};
    private static final double[] B = {60, 60, 50, 50};
    private static final double[] FAR = {150, 150, 20, 20};

    private static CocoEvaluator boxes() {
        return new CocoEvaluator(IouType.BBOX, List.of(1L, 2L), List.of(3, 7));
    }

    private static GroundTruth truth(long image, int category, double[] box, boolean crowd) {
        return new GroundTruth(image, category, box, null, box[2] * box[3], crowd);
    }

    private static Detection detection(long image, int category, double[] box, double score) {
        return new Detection(image, category, box, null, score);
    }

    @Test
    void perfectDetectionsScoreOne() {
        CocoEvaluator eval = boxes();
        eval.add(truth(1, 3, A, false));
        eval.add(truth(2, 7, B, false));
        eval.add(detection(1, 3, A, 0.9));
        eval.add(detection(2, 7, B, 0.8));
        Map<String, Double> stats = eval.evaluate();
        assertEquals(1.0, stats.get("AP"), 1e-12);
        assertEquals(1.0, stats.get("AP50"), 1e-12);
        assertEquals(1.0, stats.get("AR100"), 1e-12);
        // A is 1600 px² (medium), B 2500 (medium): no small or large objects.
        assertEquals(-1.0, stats.get("APs"));
        assertEquals(1.0, stats.get("APm"), 1e-12);
        assertEquals(-1.0, stats.get("APl"));
    }

    @Test
    void knownPrecisionRecallCurve() {
        // Hits at ranks 1 and 3, a miss at rank 2: recall .5, .5, 1 with precision 1, .5, 2/3.
        // Interpolated: 1 up to recall .5 (51 of the 101 points), 2/3 above it (50 points).
        CocoEvaluator eval = boxes();
        eval.add(truth(1, 3, A, false));
        eval.add(truth(1, 3, B, false));
        eval.add(detection(1, 3, A, 0.9));
        eval.add(detection(1, 3, FAR, 0.8));
        eval.add(detection(1, 3, B, 0.7));
        double expected = (51 * 1.0 + 50 * (2.0 / 3)) / 101;
        Map<String, Double> stats = eval.evaluate();
        assertEquals(expected, stats.get("AP"), 1e-9);
        assertEquals(expected, stats.get("AP75"), 1e-9);
        assertEquals(1.0, stats.get("AR100"), 1e-12);
        assertEquals(0.5, stats.get("AR1"), 1e-12);
    }

    @Test
    void detectionsInsideCrowdRegionsAreIgnored() {
        double[] crowd = {100, 0, 100, 100};
        double[] insideCrowd = {120, 20, 30, 30};
        CocoEvaluator eval = boxes();
        eval.add(truth(1, 3, A, false));
        eval.add(truth(1, 3, crowd, true));
        eval.add(detection(1, 3, insideCrowd, 0.95));
        eval.add(detection(1, 3, A, 0.9));
        assertEquals(1.0, eval.evaluate().get("AP"), 1e-12);

        // The same detection counts as a false positive when the region is not a crowd.
        CocoEvaluator plain = boxes();
        plain.add(truth(1, 3, A, false));
        plain.add(detection(1, 3, insideCrowd, 0.95));
        plain.add(detection(1, 3, A, 0.9));
        assertEquals(0.5, plain.evaluate().get("AP"), 1e-12);
    }

    @Test
    void noDetectionsScoreZeroAndNoGroundTruthIsUndefined() {
        CocoEvaluator missed = boxes();
        missed.add(truth(1, 3, A, false));
        assertEquals(0.0, missed.evaluate().get("AP"));
        assertEquals(0.0, missed.evaluate().get("AR100"));

        CocoEvaluator empty = boxes();
        empty.add(detection(1, 3, A, 0.9));
        assertEquals(-1.0, empty.evaluate().get("AP"));
        assertEquals(-1.0, empty.evaluate().get("AR100"));
    }

    @Test
    void aDuplicateIsAFalsePositive() {
        CocoEvaluator eval = boxes();
        eval.add(truth(1, 3, A, false));
        eval.add(detection(1, 3, A, 0.9));
        eval.add(detection(1, 3, A, 0.8));
        // The first detection reaches recall 1 at precision 1; the duplicate only adds a miss.
        assertEquals(1.0, eval.evaluate().get("AP"), 1e-12);
        eval.add(detection(1, 3, FAR, 0.95));
        // A miss ranked first: precision 1/2 at full recall.
        assertEquals(0.5, eval.evaluate().get("AP"), 1e-12);
    }

    @Test
    void masksAreMatchedByMaskIou() {
        int h = 20;
        int w = 20;
        Rle truthMask = rectangle(h, w, 0, 0, 10, 10);
        Rle halfOverlap = rectangle(h, w, 0, 0, 10, 20); // IoU 100 / 200 = 0.5
        CocoEvaluator perfect = new CocoEvaluator(IouType.SEGM, List.of(1L), List.of(3));
        perfect.add(new GroundTruth(1, 3, truthMask.toBox(), truthMask, 100, false));
        perfect.add(new Detection(1, 3, truthMask.toBox(), truthMask, 0.9));
        assertEquals(1.0, perfect.evaluate().get("AP"), 1e-12);

        CocoEvaluator half = new CocoEvaluator(IouType.SEGM, List.of(1L), List.of(3));
        half.add(new GroundTruth(1, 3, truthMask.toBox(), truthMask, 100, false));
        half.add(new Detection(1, 3, halfOverlap.toBox(), halfOverlap, 0.9));
        Map<String, Double> stats = half.evaluate();
        assertEquals(1.0, stats.get("AP50"), 1e-12);
        assertEquals(0.0, stats.get("AP75"), 1e-12);
        assertEquals(0.1, stats.get("AP"), 1e-12); // matched at 1 of 10 thresholds
        assertEquals(0.1, stats.get("APs"), 1e-12); // area 100 < 32²: a small object
    }

    @Test
    void crowdMaskIgnoresDetectionsItCovers() {
        Rle truthMask = rectangle(20, 20, 0, 0, 5, 5);
        Rle crowd = rectangle(20, 20, 10, 10, 10, 10);
        Rle inside = rectangle(20, 20, 12, 12, 4, 4);
        CocoEvaluator eval = new CocoEvaluator(IouType.SEGM, List.of(1L), List.of(3));
        eval.add(new GroundTruth(1, 3, truthMask.toBox(), truthMask, 25, false));
        eval.add(new GroundTruth(1, 3, crowd.toBox(), crowd, 100, true));
        eval.add(new Detection(1, 3, inside.toBox(), inside, 0.99));
        eval.add(new Detection(1, 3, truthMask.toBox(), truthMask, 0.5));
        assertEquals(1.0, eval.evaluate().get("AP"), 1e-12);
    }

    private static Rle rectangle(int h, int w, int x0, int y0, int bw, int bh) {
        byte[] mask = new byte[h * w];
        for (int y = y0; y < y0 + bh; y++) {
            for (int x = x0; x < x0 + bw; x++) {
                mask[y * w + x] = 1;
            }
        }
        return Rle.fromMask(mask, h, w);
    }
}
