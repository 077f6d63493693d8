// Parse a GEXF file with graphology-gexf, the parser Gephi Lite uses, and print what it read.
//
// usage: node tests/js/gexf_read.mjs FILE.gexf
// prints one JSON object on stdout: graph type, multi, order (nodes), size (edges), the graph's
// attributes, and every node's and edge's attributes as graphology holds them (colours as CSS
// strings, sizes as numbers, typed GEXF attributes parsed). Exits 1 with the parser's error
// message on stderr when the file does not parse.
import { readFileSync } from "node:fs";
import Graph from "graphology";
import gexf from "graphology-gexf";

const file = process.argv[2];
if (!file) {
  console.error("usage: node gexf_read.mjs FILE.gexf");
  process.exit(2);
}
let graph;
try {
  graph = gexf.parse(Graph, readFileSync(file, "utf-8"));
} catch (error) {
  console.error(`graphology-gexf could not parse ${file}: ${error.message}`);
  process.exit(1);
}
const nodes = {};
graph.forEachNode((node, attributes) => {
  nodes[node] = attributes;
});
const edges = [];
graph.forEachEdge((edge, attributes, source, target) => {
  edges.push({ key: edge, source, target, attributes });
});
process.stdout.write(
  JSON.stringify({
    type: graph.type,
    multi: graph.multi,
    order: graph.order,
    size: graph.size,
    attributes: graph.getAttributes(),
    nodes,
    edges,
  }) + "\n",
);
