package io.lstmirf.cli;

import io.lstmirf.api.Backends;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.json.ModelJson;
import jakarta.inject.Inject;
import java.nio.file.Path;

/** Reads a model file and builds it on the chosen backend: the first step of most commands. */
public final class ModelLoader {
  private final Backends backends;

  @Inject
  public ModelLoader(Backends backends) {
    this.backends = backends;
  }

  /** The backend the options name, checked to be available. */
  public LstmBackend backend(BackendOptions options) {
    return options.resolve(backends);
  }

  /** Reads {@code modelFile} and builds it on the backend the options name. */
  public LstmModel load(BackendOptions options, Path modelFile) {
    LstmWeights weights = ModelJson.read(modelFile);
    LstmBackend backend = backend(options);
    return backend.create(weights, options.modelOptions(backend));
  }
}
