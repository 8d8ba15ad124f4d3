package org.infopro.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.infopro.classification.ClassificationPlugin;
import org.infopro.classification.Synthetic;
import org.infopro.core.inference.InferenceModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick start runs end to end on a tiny IDX set, and its exported model predicts. */
class QuickStartTest {

    @Test
    void trainsExportsAndPredictsAnImageFile(@TempDir Path dir) throws Exception {
        Path data = Synthetic.writeIdxDataset(dir.resolve("data"), 256, 64);
        Path out = dir.resolve("out");
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true));
        try {
            QuickStart.main(new String[] {data.toString(), out.toString(), "3"});
        } finally {
            System.setOut(console);
        }
        String text = printed.toString();
        assertTrue(text.contains("even (no published table) [2, 2]"), text);
        assertTrue(
                text.contains(
                        "auxiliary nets: m1 on 32x14x14 (decoder w 3.6k params + classifier ψ 28.3k"),
                text);
        assertTrue(text.contains("test top-1: "), text);
        assertTrue(text.contains("sample.png: {\"className\": "), text);
        assertTrue(Files.exists(out.resolve("checkpoint.ckpt")));

        // The exported model has the backbone and head only, and loads without any dataset.
        InferenceModel.Header header = InferenceModel.readHeader(out.resolve("model.infopro"));
        assertEquals("small-vgg", header.backbone());
        try (InferenceModel model =
                        InferenceModel.load(
                                out.resolve("model.infopro"),
                                SmallVgg::create,
                                new ClassificationPlugin());
                NDManager manager = NDManager.newBaseManager()) {
            assertTrue(
                    model.network().getParameters().keys().stream()
                            .noneMatch(name -> name.contains("local")),
                    "no auxiliary nets in " + model.network().getParameters().keys());
            NDArray logits =
                    model.forward(new NDList(manager.zeros(header.input().batched(3)))).head();
            assertEquals(new ai.djl.ndarray.types.Shape(3, 10), logits.getShape());
        }
    }
}
