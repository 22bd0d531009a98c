#pragma once

#include <bit>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <span>
#include <stdexcept>
#include <vector>

namespace ringflow::bench {

/// The baseline: a bounded blocking queue as most code writes it, one std::mutex and two condition
/// variables around a ring of slots. It is kept honest rather than naive: notifications are sent
/// after unlocking (the woken thread does not collide with the lock) and slots are indexed with a
/// mask, like the Ringflow ring, so that the comparison measures the synchronisation only.
template <typename T>
class MutexQueue {
public:
    explicit MutexQueue(std::size_t capacity) : m_slots(capacity), m_mask(capacity - 1)
    {
        if (!std::has_single_bit(capacity))
            throw std::invalid_argument("MutexQueue capacity must be a power of two");
    }

    void push(const T &item)
    {
        {
            std::unique_lock lock(m_mutex);
            m_notFull.wait(lock, [this] { return m_size < m_slots.size(); });
            m_slots[(m_head + m_size) & m_mask] = item;
            ++m_size;
        }
        m_notEmpty.notify_one();
    }

    /// Pushes all `items` under one lock acquisition, once there is room for all of them.
    void pushAll(std::span<const T> items)
    {
        if (items.size() > m_slots.size())
            throw std::invalid_argument("MutexQueue::pushAll: more items than the queue holds");
        {
            std::unique_lock lock(m_mutex);
            m_notFull.wait(lock, [&] { return m_size + items.size() <= m_slots.size(); });
            for (const T &item : items)
                m_slots[(m_head + m_size++) & m_mask] = item;
        }
        m_notEmpty.notify_all();
    }

    /// Waits for an item; std::nullopt once the queue is closed and drained.
    std::optional<T> pop()
    {
        T item;
        {
            std::unique_lock lock(m_mutex);
            m_notEmpty.wait(lock, [this] { return m_size > 0 || m_closed; });
            if (m_size == 0)
                return std::nullopt;
            item = m_slots[m_head];
            m_head = (m_head + 1) & m_mask;
            --m_size;
        }
        m_notFull.notify_one();
        return item;
    }

    /// No more pushes: consumers drain what is left, then pop() returns std::nullopt.
    void close()
    {
        {
            std::lock_guard lock(m_mutex);
            m_closed = true;
        }
        m_notEmpty.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_notEmpty;
    std::condition_variable m_notFull;
    std::vector<T> m_slots;
    const std::size_t m_mask;
    std::size_t m_head = 0;
    std::size_t m_size = 0;
    bool m_closed = false;
};

} // namespace ringflow::bench
