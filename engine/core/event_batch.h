#pragma once

#include <cstddef>
#include <iterator>
#include <span>

namespace ringflow::core {

/// A run of consecutive events handed to a batch handler without copying. Because the ring wraps,
/// the run is one or two contiguous pieces: first() then second() (empty when it does not wrap).
template <typename T>
class EventBatch {
public:
    EventBatch(std::span<T> first, std::span<T> second) noexcept : m_first(first), m_second(second) { }

    std::span<T> first() const noexcept { return m_first; }
    std::span<T> second() const noexcept { return m_second; }
    std::size_t size() const noexcept { return m_first.size() + m_second.size(); }
    bool empty() const noexcept { return size() == 0; }
    T &operator[](std::size_t i) const noexcept
    {
        return i < m_first.size() ? m_first[i] : m_second[i - m_first.size()];
    }

    class Iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = T *;
        using reference = T &;

        Iterator() = default;
        Iterator(const EventBatch *batch, std::size_t index) : m_batch(batch), m_index(index) { }
        T &operator*() const noexcept { return (*m_batch)[m_index]; }
        T *operator->() const noexcept { return &(*m_batch)[m_index]; }
        Iterator &operator++() noexcept
        {
            ++m_index;
            return *this;
        }
        Iterator operator++(int) noexcept
        {
            Iterator old = *this;
            ++m_index;
            return old;
        }
        bool operator==(const Iterator &other) const noexcept { return m_index == other.m_index; }

    private:
        const EventBatch *m_batch = nullptr;
        std::size_t m_index = 0;
    };

    Iterator begin() const noexcept { return {this, 0}; }
    Iterator end() const noexcept { return {this, size()}; }

private:
    std::span<T> m_first;
    std::span<T> m_second;
};

} // namespace ringflow::core
