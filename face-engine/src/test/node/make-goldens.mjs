// Reference outputs for the face-engine conformance test, computed by the original face-api implementation.
//
// Runs dist/face-api.esm.js (fetched by models/fetch into models/face-api-js/) under plain node with the
// TensorFlow.js CPU backend on the lossless crops in src/test/resources/conformance/*.png and writes
// src/test/resources/conformance/goldens.json. Regenerate (from the repository root) with:
//
//   node face-engine/src/test/node/make-goldens.mjs
//
// No npm install is needed: face-api.esm.js bundles TensorFlow.js, PNGs are decoded here with node's zlib.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../../..');
const modelDir = process.env.STORESIGHT_MODELS_DIR || path.join(repo, 'models');
const cropDir = path.resolve(here, '../resources/conformance');

// The browser build probes for a window and a canvas factory; tensors in, tensors out need nothing more.
globalThis.window = globalThis;
globalThis.document = { createElement: () => ({ getContext: () => null }) };

const faceapi = await import(path.join(modelDir, 'face-api-js', 'face-api.esm.js'));
const tf = faceapi.tf;
await tf.setBackend('cpu');
await tf.ready();

function loadNet(net, name) {
  const dir = path.join(modelDir, 'face-api');
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, `${name}-weights_manifest.json`), 'utf8'));
  const bytes = Buffer.concat(manifest[0].paths.map((p) => fs.readFileSync(path.join(dir, p))));
  const buffer = new Uint8Array(bytes).buffer;
  net.loadFromWeightMap(tf.io.decodeWeights(buffer, manifest[0].weights));
}

// Minimal PNG decoder: 8-bit RGB or RGBA, not interlaced (what the committed crops are).
function decodePng(file) {
  const data = fs.readFileSync(file);
  let pos = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat = [];
  while (pos < data.length) {
    const length = data.readUInt32BE(pos);
    const type = data.toString('ascii', pos + 4, pos + 8);
    const body = data.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[12] !== 0) throw new Error(`${file}: only 8-bit non-interlaced PNG supported`);
      colorType = body[9];
    } else if (type === 'IDAT') {
      idat.push(body);
    }
    pos += 12 + length;
  }
  const channels = { 2: 3, 6: 4 }[colorType];
  if (!channels) throw new Error(`${file}: colour type ${colorType} not supported`);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      let p;
      switch (filter) {
        case 0: p = 0; break;
        case 1: p = a; break;
        case 2: p = b; break;
        case 3: p = (a + b) >> 1; break;
        case 4: {
          const pa = Math.abs(b - c);
          const pb = Math.abs(a - c);
          const pc = Math.abs(a + b - 2 * c);
          p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default: throw new Error(`${file}: bad filter ${filter}`);
      }
      pixels[y * stride + x] = (v + p) & 0xff;
    }
  }
  const rgb = new Int32Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    for (let ch = 0; ch < 3; ch++) rgb[i * 3 + ch] = pixels[i * channels + ch];
  }
  return { width, height, rgb };
}

loadNet(faceapi.nets.faceLandmark68Net, 'face_landmark_68_model');
loadNet(faceapi.nets.faceRecognitionNet, 'face_recognition_model');
loadNet(faceapi.nets.ageGenderNet, 'age_gender_model');

const round = (v) => Math.round(v * 1e6) / 1e6;
const goldens = {};
for (const file of fs.readdirSync(cropDir).filter((f) => f.endsWith('.png')).sort()) {
  const { width, height, rgb } = decodePng(path.join(cropDir, file));
  const input = tf.tensor3d(rgb, [height, width, 3], 'int32');
  const landmarks = await faceapi.nets.faceLandmark68Net.detectLandmarks(input);
  const descriptor = await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(input);
  const ag = await faceapi.nets.ageGenderNet.predictAgeAndGender(input);
  input.dispose();
  goldens[file] = {
    width,
    height,
    landmarks: landmarks.positions.map((p) => [round(p.x), round(p.y)]),
    descriptor: Array.from(descriptor, round),
    age: round(ag.age),
    maleProbability: round(ag.gender === 'male' ? ag.genderProbability : 1 - ag.genderProbability),
  };
  console.log(`${file} ${width}x${height} age ${ag.age.toFixed(2)} ${ag.gender} ${ag.genderProbability.toFixed(4)}`);
}
const out = path.join(cropDir, 'goldens.json');
fs.writeFileSync(out, JSON.stringify({ generator: `face-api ${faceapi.version}, tfjs ${tf.version_core} cpu`, crops: goldens }, null, 1) + '\n');
console.log(`wrote ${path.relative(repo, out)}`);
