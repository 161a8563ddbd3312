package io.lstmirf.cli;

import io.lstmirf.api.Backends;
import io.lstmirf.api.LstmBackend;
import io.lstmirf.api.LstmModel;
import io.lstmirf.api.LstmWeights;
import io.lstmirf.api.json.ModelJson;
import jakarta.inject.Inject;

/** Reads a model file and builds it on the chosen backend: the first step of most commands. */
public final class ModelLoader {
  private final Backends backends;

  @Inject
  public ModelLoader(Backends backends) {
    this.backends = backends;
  }

  /** Reads the options' model file and builds it on the backend they name. */
  public LstmModel load(ModelRunOptions options) {
    LstmWeights weights = ModelJson.read(options.model);
    LstmBackend backend = options.resolve(backends);
    return backend.create(weights, options.modelOptions(backend));
  }
}
