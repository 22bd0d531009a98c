#include "pipeline/cycle_finder.h"

#include <algorithm>
#include <unordered_map>

namespace ringflow::pipeline {

namespace {

// Tarjan's algorithm with an explicit stack of visits instead of recursion.
class CycleFinder {
public:
    using Edges = std::function<std::vector<std::string>(const std::string &)>;

    CycleFinder(const std::vector<std::string> &ids, const Edges &edges) : m_edges(edges)
    {
        for (std::size_t i = 0; i < ids.size(); ++i)
            m_states[ids[i]].position = i;
        for (const std::string &root : ids)
            if (!m_states[root].visited)
                visitFrom(root);
        std::sort(m_groups.begin(), m_groups.end(), [&](const auto &a, const auto &b) { return before(a[0], b[0]); });
    }

    std::vector<std::vector<std::string>> takeGroups() { return std::move(m_groups); }

private:
    struct State {
        std::size_t position = 0; ///< in the ids
        std::size_t index = 0;
        std::size_t lowLink = 0;
        bool visited = false;
        bool onStack = false;
    };
    struct Visit {
        std::string id;
        std::vector<std::string> next;
        std::size_t child = 0;
    };

    bool before(const std::string &a, const std::string &b) { return m_states[a].position < m_states[b].position; }

    void enter(const std::string &id)
    {
        State &state = m_states[id];
        state.index = state.lowLink = m_counter++;
        state.visited = state.onStack = true;
        m_stack.push_back(id);
        m_visits.push_back({id, m_edges(id), 0});
    }

    void visitFrom(const std::string &root)
    {
        enter(root);
        while (!m_visits.empty()) {
            Visit &visit = m_visits.back();
            if (visit.child < visit.next.size()) {
                const std::string next = visit.next[visit.child++];
                const auto target = m_states.find(next);
                if (target == m_states.end())
                    continue;
                if (!target->second.visited)
                    enter(next);
                else if (target->second.onStack)
                    m_states[visit.id].lowLink = std::min(m_states[visit.id].lowLink, target->second.index);
                continue;
            }
            const std::string id = visit.id;
            m_visits.pop_back();
            const State &state = m_states[id];
            if (!m_visits.empty()) {
                State &parent = m_states[m_visits.back().id];
                parent.lowLink = std::min(parent.lowLink, state.lowLink);
            }
            if (state.lowLink == state.index)
                closeComponent(id);
        }
    }

    // Pops the component whose root is `id` and keeps it when it is a cycle.
    void closeComponent(const std::string &id)
    {
        std::vector<std::string> members;
        std::string member;
        do {
            member = m_stack.back();
            m_stack.pop_back();
            m_states[member].onStack = false;
            members.push_back(member);
        } while (member != id);
        const std::vector<std::string> selfEdges = m_edges(id);
        const bool selfLoop = std::find(selfEdges.begin(), selfEdges.end(), id) != selfEdges.end();
        if (members.size() < 2 && !selfLoop)
            return;
        std::sort(members.begin(), members.end(), [&](const auto &a, const auto &b) { return before(a, b); });
        m_groups.push_back(std::move(members));
    }

    const Edges &m_edges;
    std::unordered_map<std::string, State> m_states;
    std::vector<std::string> m_stack;
    std::vector<Visit> m_visits;
    std::vector<std::vector<std::string>> m_groups;
    std::size_t m_counter = 0;
};

} // namespace

std::vector<std::vector<std::string>> findCycles(
    const std::vector<std::string> &ids, const std::function<std::vector<std::string>(const std::string &)> &edges)
{
    return CycleFinder(ids, edges).takeGroups();
}

} // namespace ringflow::pipeline
