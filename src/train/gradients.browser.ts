// Bundlers load tfjs-core's ES modules, where this side-effect import registers every op's gradient.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
