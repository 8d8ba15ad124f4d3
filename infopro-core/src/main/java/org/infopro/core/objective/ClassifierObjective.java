package org.infopro.core.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.infopro.core.data.TrainingBatch;

/**
 * A local classifier with cross-entropy only: greedy supervised learning ({@code 0c1f} head) or DGL
 * ({@code 1c2f} head, the same architecture as InfoPro's ψ), with λ2 = 1 and no reconstruction.
 */
public final class ClassifierObjective implements LocalObjective {

    private final String name;
    private final AuxConfig config;

    public ClassifierObjective(String name, AuxConfig config) {
        this.name = name;
        this.config = config;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public LocalHead newHead(HeadContext context) {
        Block classifier =
                context.auxNets()
                        .classifier(context.features(), context.image(), config, context.classes());
        return new Head(classifier, context.auxNets());
    }

    private static final class Head extends LocalHead {
        private final Block classifier;
        private final AuxNetFactory auxNets;

        Head(Block classifier, AuxNetFactory auxNets) {
            this.classifier = addAuxNet("psi", classifier);
            this.auxNets = auxNets;
        }

        @Override
        public LossTerms loss(ParameterStore parameters, NDArray features, TrainingBatch batch) {
            NDArray logits = run(parameters, classifier, features);
            return LossTerms.single("ce", auxNets.classifierLoss(logits, batch));
        }
    }
}
