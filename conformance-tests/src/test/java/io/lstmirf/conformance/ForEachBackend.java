package io.lstmirf.conformance;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Runs every test of the annotated class once per {@link ConformanceTarget} (see {@link
 * ConformanceTargets}); the class takes the target as its only constructor argument.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ParameterizedClass(name = "{0}")
@ArgumentsSource(ConformanceTargets.class)
public @interface ForEachBackend {}
