/** The page's only style sheet: inline, so the file works offline and from a mail attachment. */
export const CSS = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--soft:#f6f8fa;--err:#cf222e;--warn:#9a6700;--info:#0969da;--add:#dafbe1;--del:#ffebe9}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);margin:0;padding:0 24px 48px}
header{padding:16px 0 8px;border-bottom:1px solid var(--line)}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px}
.muted{color:var(--muted)}
.filters{position:sticky;top:0;background:var(--bg);padding:10px 0;border-bottom:1px solid var(--line);display:flex;flex-wrap:wrap;gap:14px;align-items:center;z-index:1}
.filters input[type=search]{padding:5px 8px;min-width:260px;border:1px solid var(--line);border-radius:6px}
.filters select{padding:4px;border:1px solid var(--line);border-radius:6px}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 14px;min-width:200px;background:var(--soft)}
.card h3{font-size:13px;margin:0 0 6px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
.card table td,.card table th{border:0;padding:1px 8px 1px 0}
.sev{font-weight:600;border-radius:10px;padding:0 8px;font-size:12px;white-space:nowrap}
.sev.error{color:#fff;background:var(--err)}.sev.warning{color:#fff;background:var(--warn)}.sev.info{color:#fff;background:var(--info)}
.graphbox{overflow:auto;border:1px solid var(--line);border-radius:8px;padding:8px;background:var(--soft)}
svg.graph text{font:12px system-ui,sans-serif;fill:var(--fg)}
svg.graph text.gh{font-weight:600;fill:var(--muted)}
svg.graph .gn rect{fill:#fff;stroke:#8c959f}
svg.graph .gn.irsa rect{stroke:#bf8700}
svg.graph .gn.pod-identity rect{stroke:#0969da}
svg.graph .ge{fill:none;stroke:#8c959f;stroke-width:1.2}
details{border:1px solid var(--line);border-radius:8px;margin:6px 0;background:var(--bg)}
details>summary{cursor:pointer;padding:6px 10px;font-weight:600}
details>div{padding:4px 12px 10px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0}
dt{color:var(--muted)}dd{margin:0;word-break:break-all}
pre.diff{margin:0;padding:8px 0;overflow:auto;font:12px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace;background:var(--bg)}
pre.diff .dl{display:block;padding:0 10px;white-space:pre}
pre.diff .add{background:var(--add)}pre.diff .del{background:var(--del)}
pre.diff .hunk{color:#8250df;background:#fbefff}pre.diff .meta{color:var(--muted);font-weight:600}
pre.diff .mk{color:var(--muted);user-select:none}
.tk{color:#0550ae}.ts{color:#0a3069}.tl{color:#cf222e}.tc{color:#6e7781;font-style:italic}.tp{color:var(--fg)}
ul.checklist{list-style:none;padding:0}
ul.checklist li{padding:4px 0;border-bottom:1px solid var(--line)}
ul.checklist input:checked+span{text-decoration:line-through;color:var(--muted)}
.badge{display:inline-block;font-size:11px;border:1px solid var(--line);border-radius:10px;padding:0 6px;margin-left:6px;font-weight:normal;color:var(--muted)}
.off{display:none!important}
.empty{color:var(--muted);font-style:italic}
`;

/**
 * Filters and search: every element with data-filter is shown or hidden from its data-ns,
 * data-source, data-severity and its text; the checklist keeps its ticks in localStorage when
 * the browser allows it (a file:// page may not).
 */
export const SCRIPT = `
(function(){
  'use strict';
  var q=document.getElementById('search'),ns=document.getElementById('ns'),src=document.getElementById('source');
  var sev=[].slice.call(document.querySelectorAll('input[data-severity-toggle]'));
  var items=[].slice.call(document.querySelectorAll('[data-filter]'));
  var texts=items.map(function(el){return (el.textContent||'').toLowerCase();});
  function apply(){
    var term=q.value.trim().toLowerCase(),n=ns.value,s=src.value,on={};
    sev.forEach(function(box){on[box.getAttribute('data-severity-toggle')]=box.checked;});
    var shown={};
    items.forEach(function(el,i){
      var kind=el.getAttribute('data-filter'),ens=el.getAttribute('data-ns'),es=el.getAttribute('data-source'),ev=el.getAttribute('data-severity');
      var ok=true;
      if(n&&ens!==null&&ens.split(' ').indexOf(n)<0)ok=false;
      if(s&&es!==null&&es!==s)ok=false;
      if(ev!==null&&on[ev]===false)ok=false;
      if(term&&kind!=='graph'&&texts[i].indexOf(term)<0)ok=false;
      el.classList.toggle('off',!ok);
      if(ok)shown[kind]=(shown[kind]||0)+1;
    });
    [].slice.call(document.querySelectorAll('[data-count-of]')).forEach(function(el){el.textContent=String(shown[el.getAttribute('data-count-of')]||0);});
  }
  [q,ns,src].forEach(function(el){el.addEventListener('input',apply);el.addEventListener('change',apply);});
  sev.forEach(function(box){box.addEventListener('change',apply);});
  var store=null;try{store=window.localStorage;store.getItem('x');}catch(e){store=null;}
  var boxes=[].slice.call(document.querySelectorAll('ul.checklist input[type=checkbox]'));
  var done=document.getElementById('steps-done');
  function count(){done.textContent=String(boxes.filter(function(b){return b.checked;}).length);}
  boxes.forEach(function(box){
    var key='wimigrate:'+box.getAttribute('data-step');
    if(store&&store.getItem(key)==='1')box.checked=true;
    box.addEventListener('change',function(){if(store){try{store.setItem(key,box.checked?'1':'0');}catch(e){}}count();});
  });
  count();apply();
})();
`;
