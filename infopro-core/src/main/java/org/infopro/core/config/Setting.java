package org.infopro.core.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a component of {@link RunConfig} or of a task's {@link TaskOptions} as a setting a user
 * gives by name. The command line derives its options from these marks, so an option is declared
 * once, next to the value it sets, and its name is the one validation errors use.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Setting {
    /** The option's name on the command line, e.g. {@code --batch}. */
    String option();

    /** One line of help; the default value is appended where there is one. */
    String help();

    /** The value's placeholder in help, e.g. {@code N}; empty takes the option's own. */
    String label() default "";

    /**
     * Whether evaluating a trained model may change it (test-time inference options); everything
     * else is fixed by the run that trained the model.
     */
    boolean testTime() default false;
}
