#pragma once

#include <string>
#include <vector>

namespace ringflow::bench {

/// Opening a large file in the designer (issue 10, item 13): every node carries a parameter its
/// kind does not have, so every node has a problem, and no node has a position, so the designer
/// lays the file out.
struct OpenTimes {
    struct Part {
        std::string name;
        double ms = 0; ///< the median over the repetitions
    };
    std::vector<Part> parts; ///< each step on its own, then "window" for all of them together
    double windowMs = 0; ///< File > Open in a shown window, through the next paint
    std::size_t problems = 0;
    int problemRows = 0; ///< rows the problems list shows (the "more" row included)
    std::string failure; ///< empty when the file opened
};

/// Writes chains of producer -> ring -> stage, `nodes` nodes in all, to `path`; false when it cannot.
bool writeLargePipeline(const std::string &path, int nodes);

/// Opens `path` `repetitions` times, each part on its own and then in a window of `width` x `height`.
OpenTimes timeOpen(const std::string &path, int repetitions, int width, int height);

/// --open NODES: writes the file into a temporary directory, times opening it and prints the parts
/// (a table, or JSON) against the target. Returns the exit status.
int runOpenBenchmark(int nodes, int repetitions, bool json);

} // namespace ringflow::bench
