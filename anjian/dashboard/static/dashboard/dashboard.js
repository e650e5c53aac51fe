// Draws each chart of the dashboard from its JSON (ECharts option + the address behind each bar or
// point); a click on a bar opens the list behind it.
(function () {
  "use strict";
  var charts = [];
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var data = JSON.parse(document.getElementById(el.dataset.chart).textContent);
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(data.option);
    chart.on("click", function (params) {
      var urls = data.urls[params.seriesIndex] || data.urls[0];
      var url = urls && urls[params.dataIndex];
      if (url) { window.location.href = url; }
    });
    charts.push(chart);
  });
  window.addEventListener("resize", function () {
    charts.forEach(function (chart) { chart.resize(); });
  });
})();
