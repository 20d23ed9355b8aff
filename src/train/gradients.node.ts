// Node resolves @tensorflow/tfjs-core to its CommonJS bundle, which registers no gradients, and its ESM
// files use directory imports that Node cannot load. The union package's Node bundle registers them all.
import '@tensorflow/tfjs';
