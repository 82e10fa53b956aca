// Dashboard charts (Apache ECharts, vendored in wwwroot/lib). Each chart is drawn from the table that follows it:
// the table is the source of the numbers and stays on the page for screen readers and printing. Clicking a bar,
// slice or point opens the same findings list as the table's link.
(function () {
    "use strict";
    if (!window.echarts) {
        return;
    }

    var colours = {
        "light-red": "#d63939", "light-yellow": "#f5b400", "light-green": "#2fb344", "light-blue": "#206bc4",
        "light-closed": "#adb5bd", "light-closed-late": "#7d5a5a", "light-none": "#e9ecef"
    };

    document.querySelectorAll("[data-chart-for]").forEach(function (container) {
        var table = document.getElementById(container.getAttribute("data-chart-for"));
        if (!table) {
            return;
        }
        var kind = table.getAttribute("data-chart");
        var rows = Array.prototype.slice.call(table.tBodies[0].rows);
        var labels = rows.map(function (row) { return row.cells[0].textContent.trim(); });
        var links = rows.map(function (row) {
            var link = row.querySelector("td a");
            return link ? link.getAttribute("href") : null;
        });
        var chart = window.echarts.init(container);
        var option;

        if (kind === "line") {
            var seriesHeads = Array.prototype.slice.call(table.tHead.rows[0].cells).filter(function (cell) {
                return cell.hasAttribute("data-series");
            });
            option = {
                tooltip: { trigger: "axis" },
                legend: { data: seriesHeads.map(function (h) { return h.getAttribute("data-series"); }) },
                xAxis: { type: "category", data: labels },
                yAxis: { type: "value", minInterval: 1 },
                series: seriesHeads.map(function (head, index) {
                    return {
                        name: head.getAttribute("data-series"),
                        type: "line",
                        data: rows.map(function (row) { return Number(row.cells[index + 1].getAttribute("data-value")); })
                    };
                })
            };
        } else {
            var values = rows.map(function (row) {
                return Number(row.querySelector("td[data-value]").getAttribute("data-value"));
            });
            if (kind === "pie") {
                option = {
                    tooltip: { trigger: "item" },
                    series: [{
                        type: "pie",
                        radius: ["40%", "70%"],
                        data: rows.map(function (row, i) {
                            return { name: labels[i], value: values[i], itemStyle: { color: colours[row.getAttribute("data-color")] } };
                        }).filter(function (item) { return item.value > 0; })
                    }]
                };
            } else {
                option = {
                    tooltip: { trigger: "axis" },
                    grid: { containLabel: true, left: 8, right: 8 },
                    xAxis: { type: "category", data: labels, axisLabel: { interval: 0, width: 90, overflow: "truncate" } },
                    yAxis: { type: "value", minInterval: 1 },
                    series: [{ type: "bar", data: values, itemStyle: { color: "#9b1c1c" } }]
                };
            }
        }

        chart.setOption(option);
        chart.on("click", function (params) {
            var index = kind === "pie" ? labels.indexOf(params.name) : params.dataIndex;
            if (links[index]) {
                window.location.href = links[index];
            }
        });
        window.addEventListener("resize", function () { chart.resize(); });
    });
})();
