package org.infopro.classification.backbone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.infopro.classification.ClassificationPlugin;
import org.infopro.core.model.Backbone;
import org.infopro.core.model.SplitPlanner;
import org.infopro.core.network.LocalNetwork;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.spi.Registry;
import org.infopro.core.testing.Networks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parameter counts against the published figures: torchvision's {@code resnet18 … resnet152},
 * {@code resnext50_32x4d}, {@code resnext101_32x8d}, {@code densenet121} and {@code
 * efficientnet_b0}, timm's {@code resnext101_32x4d}, {@code deit_tiny/small_patch16_224}, and
 * DenseNet-BC-100-12 on CIFAR-10 (0.8 M); and one forward pass to the classifier's shape.
 */
class PublishedBackbonesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "resnet18, 64, 1000, 11689512",
        "resnet34, 64, 1000, 21797672",
        "resnet50, 64, 1000, 25557032",
        "resnet101, 64, 1000, 44549160",
        "resnet152, 64, 1000, 60192808",
        "resnext50-32x4d, 64, 1000, 25028904",
        "resnext101-32x4d, 64, 1000, 44177704",
        "resnext101-32x8d, 64, 1000, 88791336",
        "densenet-bc-100-12, 32, 10, 769162",
        "densenet121, 64, 1000, 7978856",
        "efficientnet-b0, 64, 1000, 5288548",
        "deit-tiny, 224, 1000, 5717416",
        "deit-small, 224, 1000, 22050664"
    })
    void parameterCountAndForwardShape(String name, int side, int classes, long published) {
        Backbone backbone =
                Registry.discover().backbone(name).create(name, new FeatureShape(3, side, side));
        try (NDManager manager = NDManager.newBaseManager()) {
            LocalNetwork net =
                    Networks.local(
                            backbone,
                            1,
                            SplitPlanner.EVEN,
                            "e2e",
                            new float[] {1, 1},
                            new ClassificationPlugin(),
                            classes,
                            manager);
            assertEquals(published, Networks.trainableParameterCount(net));
            NDList out =
                    net.forward(
                            new ParameterStore(manager, false),
                            new NDList(manager.randomNormal(backbone.inputShape().batched(1))),
                            false);
            assertEquals(classes, out.head().getShape().get(1));
        }
    }
}
