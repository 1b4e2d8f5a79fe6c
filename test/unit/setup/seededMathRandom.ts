import { seededRandom } from '../../../src/data/random';

// tfjs draws a seed from Math.random for every initializer given none, and fit's shuffle uses it
// too, so unseeded weights made a unit test's result a draw: one CI run ended the spiral at 88.5 %
// where others reached 99 %. Each test file starts from the same seed, so a run of the suite
// trains the same models every time, and a test that passes passes always. Tests that make a
// claim for any start still check it across several explicit seeds.
const random = seededRandom(20_261_202);
Math.random = () => random.next();
