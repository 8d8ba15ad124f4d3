package org.infopro.core.spi;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RegistryTest {

    @Test
    void findsCoreMethodsByName() {
        Registry registry = Registry.discover();
        assertTrue(registry.objectiveNames().contains("infopro-contrast"));
        assertTrue(registry.objective("dgl").names().contains("dgl"));
    }

    @Test
    void unknownNameListsKnownOnes() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Registry.discover().objective("infopro-magic"));
        assertTrue(e.getMessage().contains("infopro-magic"), e.getMessage());
        assertTrue(e.getMessage().contains("greedy"), e.getMessage());
    }

    @Test
    void guiceModulesListedAsServicesContributeEntries() {
        Registry registry = Registry.discover();
        assertTrue(registry.taskNames().contains("toy"), registry.taskNames().toString());
        assertTrue(registry.backboneNames().contains("toy-cnn"));
        assertTrue(registry.suites("toy").suiteNames().contains("none"));
        assertTrue(registry.commands().contains("toy-command"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> registry.suites("no-task"));
        assertTrue(e.getMessage().startsWith("Unknown task 'no-task'; known: "), e.getMessage());
    }
}
